package io.p2proxy.config;

import java.util.List;

/**
 * What the {@code p2proxy peer} command line gave, in SPEC.md's flag terms, unparsed: every field
 * may be null (not given) and every list may be null or empty. {@link ConfigLoader#peer} checks and
 * merges them over the file: scalars override it, {@code publish} and {@code forward} add to its
 * lists, {@code stun} replaces its list, and {@code allow} applies to every {@code --publish}.
 *
 * @param name    {@code --name NAME}
 * @param server  {@code --server ws://HOST:PORT}
 * @param token   {@code --token SECRET}
 * @param key     {@code --key FILE}, relative to the working directory
 * @param admin   {@code --admin HOST:PORT|off}
 * @param linger  {@code --linger DURATION}
 * @param publish {@code --publish NAME=HOST:PORT}, repeatable
 * @param allow   {@code --allow PEER} (a peer name, a peer id or {@code *}), repeatable
 * @param forward {@code --forward LISTEN=PEER/RESOURCE}, repeatable
 * @param socks   {@code --socks LISTEN}
 * @param http    {@code --http LISTEN}
 * @param rtsp    {@code --rtsp LISTEN}
 * @param stun    {@code --stun HOST:PORT}, repeatable
 */
public record PeerFlags(String name, String server, String token, String key, String admin, String linger,
        List<String> publish, List<String> allow, List<String> forward, String socks, String http, String rtsp,
        List<String> stun) {

    public PeerFlags {
        publish = publish == null ? List.of() : List.copyOf(publish);
        allow = allow == null ? List.of() : List.copyOf(allow);
        forward = forward == null ? List.of() : List.copyOf(forward);
        stun = stun == null ? List.of() : List.copyOf(stun);
    }

    /** No flags at all: the file alone. */
    public static PeerFlags none() {
        return new PeerFlags(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
