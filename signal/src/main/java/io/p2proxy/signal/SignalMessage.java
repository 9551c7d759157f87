package io.p2proxy.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.p2proxy.common.HostPort;
import java.util.List;
import java.util.Objects;

/**
 * A JSON text frame of the signaling protocol, told apart by its {@code "type"} field. Encoded
 * and decoded by {@link SignalCodec}; field names on the wire are given in each record's doc.
 *
 * <p>Login: {@code hello -> challenge -> prove -> welcome} (or {@code error} and close). Then
 * {@code signal} both ways. Binary frames carry relayed datagrams ({@link RelayFrame}), never these.
 */
public sealed interface SignalMessage {

    /** Protocol version this build speaks, sent in {@link Hello#version()}. */
    int VERSION = 1;

    /** Largest text frame either end accepts; the server closes with 1009 beyond it. */
    int MAX_FRAME_BYTES = 64 * 1024;

    /** The wire name of this message's type. */
    String type();

    /** Peer to server: {@code {"type":"hello","name","key","token","version"}}; key is base64 SPKI. */
    record Hello(String name, String key, String token, int version) implements SignalMessage {
        public Hello {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String type() {
            return "hello";
        }

        @Override
        public String toString() { // the token is a secret: keep it out of logs
            return "Hello[name=" + name + ", version=" + version + "]";
        }
    }

    /** Server to peer: {@code {"type":"challenge","nonce"}}; nonce is base64url of 32 random bytes. */
    record Challenge(String nonce) implements SignalMessage {
        public Challenge {
            Objects.requireNonNull(nonce, "nonce");
        }

        @Override
        public String type() {
            return "challenge";
        }
    }

    /** Peer to server: {@code {"type":"prove","signature"}}: base64 DER ECDSA over {@link LoginProof}. */
    record Prove(String signature) implements SignalMessage {
        public Prove {
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public String type() {
            return "prove";
        }
    }

    /**
     * Server to peer: {@code {"type":"welcome","id","address","stun":[..],"relay"}}: the peer id the
     * server derived from the proven key, the address the server sees, where to send STUN.
     */
    record Welcome(String id, HostPort address, List<HostPort> stun, boolean relay) implements SignalMessage {
        public Welcome {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(address, "address");
            stun = List.copyOf(stun);
        }

        @Override
        public String type() {
            return "welcome";
        }
    }

    /**
     * {@code {"type":"signal", ...}} both ways. Peer to server names the target ({@code "to"}); server
     * to peer names the verified sender ({@code "from"}, {@code "from_id"}). The payload is opaque JSON.
     */
    record Signal(String to, String from, String fromId, JsonNode payload) implements SignalMessage {
        public Signal {
            Objects.requireNonNull(payload, "payload");
            if ((to == null) == (from == null) || (from == null) != (fromId == null)) {
                throw new IllegalArgumentException("signal: expected either 'to', or 'from' with 'from_id'");
            }
        }

        public static Signal to(String peer, JsonNode payload) {
            return new Signal(peer, null, null, payload);
        }

        public static Signal from(String peer, String peerId, JsonNode payload) {
            return new Signal(null, peer, peerId, payload);
        }

        @Override
        public String type() {
            return "signal";
        }
    }

    /**
     * {@code {"type":"error","code","reason","ref"}}: {@code ref} names what the error is about (the
     * target peer of a failed signal, the offending type), or is absent.
     */
    record Error(ErrorCode code, String reason, String ref) implements SignalMessage {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "error";
        }
    }
}
