package io.p2proxy.signal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p2proxy.common.HostPort;
import io.p2proxy.signal.SignalMessage.Challenge;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalMessage.Hello;
import io.p2proxy.signal.SignalMessage.Prove;
import io.p2proxy.signal.SignalMessage.Signal;
import io.p2proxy.signal.SignalMessage.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * JSON text of {@link SignalMessage}s. Hand-written over Jackson's tree model so that every way a
 * frame can be wrong maps to one typed {@link SignalDecodeException}, never to a stray runtime
 * exception. Unknown fields are ignored (a newer peer may add some); unknown types are refused.
 */
public final class SignalCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SignalCodec() {
    }

    public static String encode(SignalMessage message) {
        Objects.requireNonNull(message, "message");
        ObjectNode o = MAPPER.createObjectNode().put("type", message.type());
        // Java 17 has no pattern switch; the sealed interface keeps this chain complete by review.
        if (message instanceof Hello h) {
            o.put("name", h.name()).put("key", h.key()).put("token", h.token()).put("version", h.version());
        } else if (message instanceof Challenge c) {
            o.put("nonce", c.nonce());
        } else if (message instanceof Prove p) {
            o.put("signature", p.signature());
        } else if (message instanceof Welcome w) {
            o.put("id", w.id()).put("address", w.address().toString());
            ArrayNode stun = o.putArray("stun");
            w.stun().forEach(s -> stun.add(s.toString()));
            o.put("relay", w.relay());
        } else if (message instanceof Signal s) {
            if (s.to() != null) {
                o.put("to", s.to());
            } else {
                o.put("from", s.from()).put("from_id", s.fromId());
            }
            o.set("payload", s.payload());
        } else if (message instanceof Error e) {
            o.put("code", e.code().wire()).put("reason", e.reason());
            if (e.ref() != null) {
                o.put("ref", e.ref());
            }
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a JSON tree we built", e);
        }
    }

    /** @throws SignalDecodeException with {@link ErrorCode#MALFORMED} or {@link ErrorCode#UNKNOWN_TYPE} */
    public static SignalMessage decode(String text) throws SignalDecodeException {
        Objects.requireNonNull(text, "text");
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("expected a JSON object");
        }
        String type = text(root, "type");
        try {
            return switch (type) {
                case "hello" -> new Hello(text(root, "name"), text(root, "key"), text(root, "token"), integer(root, "version"));
                case "challenge" -> new Challenge(text(root, "nonce"));
                case "prove" -> new Prove(text(root, "signature"));
                case "welcome" -> new Welcome(text(root, "id"), address(text(root, "address")),
                        stun(root), bool(root, "relay"));
                case "signal" -> signal(root);
                case "error" -> new Error(ErrorCode.fromWire(text(root, "code")), text(root, "reason"),
                        optionalText(root, "ref"));
                default -> throw new SignalDecodeException(ErrorCode.UNKNOWN_TYPE,
                        "unknown message type '" + abbreviate(type) + "'");
            };
        } catch (IllegalArgumentException e) {
            throw malformed(type + ": " + e.getMessage());
        }
    }

    private static Signal signal(JsonNode root) throws SignalDecodeException {
        JsonNode payload = root.get("payload");
        if (payload == null) {
            throw malformed("signal: missing field 'payload'");
        }
        // the constructor refuses both or neither of 'to' and 'from'
        return new Signal(optionalText(root, "to"), optionalText(root, "from"), optionalText(root, "from_id"), payload);
    }

    private static List<HostPort> stun(JsonNode root) throws SignalDecodeException {
        JsonNode array = root.get("stun");
        if (array == null || !array.isArray()) {
            throw malformed("field 'stun': expected an array of HOST:PORT strings");
        }
        List<HostPort> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                throw malformed("field 'stun': expected an array of HOST:PORT strings");
            }
            out.add(address(n.textValue()));
        }
        return out;
    }

    private static HostPort address(String text) throws SignalDecodeException {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) throws SignalDecodeException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw malformed("field '" + field + "': expected a string");
        }
        return n.textValue();
    }

    private static String optionalText(JsonNode root, String field) throws SignalDecodeException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        return text(root, field);
    }

    private static int integer(JsonNode root, String field) throws SignalDecodeException {
        JsonNode n = root.get(field);
        if (n == null || !n.isInt()) {
            throw malformed("field '" + field + "': expected an integer");
        }
        return n.intValue();
    }

    private static boolean bool(JsonNode root, String field) throws SignalDecodeException {
        JsonNode n = root.get(field);
        if (n == null || !n.isBoolean()) {
            throw malformed("field '" + field + "': expected true or false");
        }
        return n.booleanValue();
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }

    private static SignalDecodeException malformed(String why) {
        return new SignalDecodeException(ErrorCode.MALFORMED, why);
    }
}
