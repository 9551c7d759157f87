package io.p2proxy.config;

import java.util.List;

/**
 * What the {@code p2proxy server} command line gave, in SPEC.md's flag terms, unparsed: every
 * field may be null (not given), {@code stun} may be null or empty. Flags override the file;
 * {@code --stun} (one or two) replaces the file's {@code stun}.
 *
 * @param listen        {@code --listen HOST:PORT}
 * @param stun          {@code --stun HOST:PORT}, given once or twice
 * @param publicAddress {@code --public-address HOST}
 * @param token         {@code --token SECRET}
 * @param admin         {@code --admin HOST:PORT|off}
 * @param relay         {@code --relay true|false}
 * @param tlsCert       {@code --tls-cert FILE}, relative to the working directory
 * @param tlsKey        {@code --tls-key FILE}, relative to the working directory
 */
public record ServerFlags(String listen, List<String> stun, String publicAddress, String token, String admin,
        String relay, String tlsCert, String tlsKey) {

    public ServerFlags {
        stun = stun == null ? List.of() : List.copyOf(stun);
    }

    /** No flags at all: the file alone. */
    public static ServerFlags none() {
        return new ServerFlags(null, null, null, null, null, null, null, null);
    }
}
