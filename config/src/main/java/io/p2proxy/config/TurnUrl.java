package io.p2proxy.config;

import io.p2proxy.common.HostPort;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code [[turn]]} url (RFC 7065), parsed once: the config loader checks it with {@link #parse}
 * and the peer reads the parts from the same parser.
 *
 * @param secure    {@code turns:} (TLS)
 * @param host      the host name or address, IPv6 without brackets
 * @param port      the port; RFC 8489 §18.4's default (3478, or 5349 for turns:) when the url has none
 * @param tcp       {@code ?transport=tcp}; UDP otherwise (RFC 7065 §3)
 */
public record TurnUrl(boolean secure, String host, int port, boolean tcp) {

    /** What a url must look like, for error messages. */
    public static final String EXPECTED = "turn:HOST[:PORT][?transport=udp|tcp] or turns:...";
    public static final int DEFAULT_PORT = 3478;
    public static final int DEFAULT_TLS_PORT = 5349;

    private static final Pattern TURN = Pattern.compile(
            "(turns?):(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?(?:\\?transport=(udp|tcp))?");

    /** @throws IllegalArgumentException naming what was expected when {@code url} is not one */
    public static TurnUrl parse(String url) {
        Matcher m = TURN.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        boolean secure = m.group(1).equals("turns");
        String host = m.group(2);
        int port = m.group(3) == null ? (secure ? DEFAULT_TLS_PORT : DEFAULT_PORT) : Integer.parseInt(m.group(3));
        try {
            HostPort.parse(host + ":" + port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EXPECTED);
        }
        if (port == 0) {
            throw new IllegalArgumentException(EXPECTED + ", port 1..65535");
        }
        boolean bracketed = host.startsWith("[");
        return new TurnUrl(secure, bracketed ? host.substring(1, host.length() - 1) : host, port, "tcp".equals(m.group(4)));
    }
}
