package io.p2proxy.turn.internal;

import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunClient;
import io.p2proxy.stun.StunKey;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnException;
import io.p2proxy.turn.TurnException.Reason;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * TURN requests with long-term credentials (RFC 8489 §9.2, RFC 8656 §7.2). The first request goes
 * without credentials; its 401 names the REALM and NONCE, and every request after that carries
 * USERNAME, REALM, NONCE and MESSAGE-INTEGRITY with key MD5(user:realm:password). A 438 Stale Nonce
 * brings a fresh NONCE: retried once (§9.2.5). A 401 to a request that had credentials means they
 * are wrong. Futures complete with success responses only. Confined to the channel's event loop.
 */
public final class Requests {

    private final StunClient stun;
    private final TurnConfig config;
    private String realm;
    private String nonce;
    private StunKey key;
    long staleNonces;

    public Requests(StunClient stun, TurnConfig config) {
        this.stun = stun;
        this.config = config;
    }

    InetSocketAddress server() {
        return config.server();
    }

    /** Sends {@code method} with {@code attributes} (credentials are appended); completes with the success response. */
    public CompletableFuture<StunMessage> send(int method, List<StunAttribute> attributes) {
        return attempt(method, attributes, false);
    }

    private CompletableFuture<StunMessage> attempt(int method, List<StunAttribute> attributes, boolean staleRetried) {
        boolean authenticated = key != null;
        List<StunAttribute> all = new ArrayList<>(attributes);
        StunProtection protection = StunProtection.FINGERPRINT;
        if (authenticated) {
            // RFC 8489 §9.2.4: USERNAME, REALM, NONCE, then MESSAGE-INTEGRITY (added by the codec).
            all.add(new StunAttribute.Username(config.username()));
            all.add(new StunAttribute.Realm(realm));
            all.add(new StunAttribute.Nonce(nonce));
            protection = StunProtection.sha1(key);
        }
        StunMessage request = StunMessage.request(method, all.toArray(StunAttribute[]::new));
        InetSocketAddress server = config.server();
        CompletableFuture<StunMessage> sent;
        try {
            sent = stun.send(server, request, protection);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(TurnException.of(server, method, e));
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                return CompletableFuture.<StunMessage>failedFuture(TurnException.of(server, method, unwrap(error)));
            }
            if (response.messageClass() == StunClass.SUCCESS_RESPONSE) {
                return CompletableFuture.completedFuture(response);
            }
            StunAttribute.ErrorCode error1 = response.attribute(StunAttribute.ErrorCode.class)
                    .orElse(new StunAttribute.ErrorCode(500, "error response without ERROR-CODE"));
            int code = error1.code();
            if (code == StunAttribute.ErrorCode.UNAUTHENTICATED && !authenticated && learn(response)) {
                return attempt(method, attributes, staleRetried);
            }
            if (code == StunAttribute.ErrorCode.STALE_NONCE && !staleRetried && learn(response)) {
                staleNonces++;
                return attempt(method, attributes, true);
            }
            Reason reason = switch (code) {
                case StunAttribute.ErrorCode.UNAUTHENTICATED -> Reason.UNAUTHORIZED;
                case StunAttribute.ErrorCode.STALE_NONCE -> Reason.STALE_NONCE;
                default -> Reason.ERROR_RESPONSE;
            };
            return CompletableFuture.<StunMessage>failedFuture(
                    new TurnException(reason, server, method, code, error1.reason(), null));
        }).thenCompose(f -> f);
    }

    /** Takes REALM and NONCE from a 401 or 438 (RFC 8489 §9.2.5); false if either is missing. */
    private boolean learn(StunMessage response) {
        String newNonce = response.attribute(StunAttribute.Nonce.class).map(StunAttribute.Nonce::value).orElse(null);
        String newRealm = response.attribute(StunAttribute.Realm.class).map(StunAttribute.Realm::value).orElse(realm);
        if (newNonce == null || newRealm == null) {
            return false;
        }
        if (key == null || !newRealm.equals(realm)) {
            key = StunKey.longTerm(config.username(), newRealm, config.password());
        }
        realm = newRealm;
        nonce = newNonce;
        return true;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
