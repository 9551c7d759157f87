package io.p2proxy.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): class, 12-bit method, transaction id and attributes in wire
 * order. Encode and decode with {@link StunCodec}. MESSAGE-INTEGRITY and FINGERPRINT appear here
 * after decoding; when encoding, let {@link StunProtection} add them.
 */
public record StunMessage(StunClass messageClass, int method, TransactionId transactionId,
        List<StunAttribute> attributes) {

    public StunMessage {
        Objects.requireNonNull(messageClass, "messageClass");
        Objects.requireNonNull(transactionId, "transactionId");
        if (method < 0 || method > 0xfff) {
            throw new IllegalArgumentException("method: " + method + " (expected: 0..0xfff)");
        }
        attributes = List.copyOf(attributes);
    }

    /** A request with a fresh random transaction id. */
    public static StunMessage request(int method, StunAttribute... attributes) {
        return new StunMessage(StunClass.REQUEST, method, TransactionId.random(), List.of(attributes));
    }

    public static StunMessage indication(int method, StunAttribute... attributes) {
        return new StunMessage(StunClass.INDICATION, method, TransactionId.random(), List.of(attributes));
    }

    /** A success response to {@code request}: same method and transaction id (§6.3). */
    public static StunMessage successResponse(StunMessage request, List<StunAttribute> attributes) {
        return new StunMessage(StunClass.SUCCESS_RESPONSE, request.method, request.transactionId, attributes);
    }

    /** An error response with ERROR-CODE first, then {@code more}. */
    public static StunMessage errorResponse(StunMessage request, int code, String reason, List<StunAttribute> more) {
        List<StunAttribute> attributes = new ArrayList<>(more.size() + 1);
        attributes.add(new StunAttribute.ErrorCode(code, reason));
        attributes.addAll(more);
        return new StunMessage(StunClass.ERROR_RESPONSE, request.method, request.transactionId, attributes);
    }

    /** The first attribute of that record type (§14: later duplicates may be ignored). */
    public <T extends StunAttribute> Optional<T> attribute(Class<T> type) {
        for (StunAttribute a : attributes) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }

    public boolean has(Class<? extends StunAttribute> type) {
        return attribute(type).isPresent();
    }

    /** Types of {@link StunAttribute.Unknown} attributes in the comprehension-required range, in order. */
    public List<Integer> unknownComprehensionRequired() {
        return attributes.stream()
                .filter(a -> a instanceof StunAttribute.Unknown && StunAttribute.comprehensionRequired(a.type()))
                .map(StunAttribute::type)
                .distinct()
                .toList();
    }

    @Override
    public String toString() {
        return StunMethod.name(method) + " " + messageClass + " " + transactionId + " " + attributes;
    }
}
