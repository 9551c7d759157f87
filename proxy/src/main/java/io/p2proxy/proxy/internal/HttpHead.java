package io.p2proxy.proxy.internal;

import java.util.List;
import java.util.Locale;

/**
 * A parsed HTTP/1.x request head (RFC 9112 sections 2-5), fields in order and as sent.
 *
 * @param length how many bytes the head took on the wire, the blank line included
 */
public record HttpHead(String method, String target, String version, List<Field> fields, int length) {

    public record Field(String name, String value) {
    }

    public HttpHead {
        fields = List.copyOf(fields);
    }

    /** The values of every field called {@code name} (case-insensitive). */
    public List<String> values(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).toList();
    }

    public boolean isConnect() {
        return method.equals("CONNECT");
    }

    /**
     * The head to send to the target: request line with {@code newTarget}, no Proxy-* fields, and
     * {@code Connection: close} (one request per client connection; see HttpProxyHandler) unless the
     * client asks to upgrade, where the connection becomes a tunnel anyway.
     */
    public String forward(String newTarget) {
        boolean upgrade = !values("Upgrade").isEmpty();
        StringBuilder b = new StringBuilder(length + 32);
        b.append(method).append(' ').append(newTarget).append(' ').append(version).append("\r\n");
        for (Field f : fields) {
            String n = f.name().toLowerCase(Locale.ROOT);
            boolean hopByHop = n.equals("proxy-connection") || n.equals("proxy-authorization")
                    || (!upgrade && (n.equals("connection") || n.equals("keep-alive")));
            if (!hopByHop) {
                b.append(f.name()).append(": ").append(f.value()).append("\r\n");
            }
        }
        if (!upgrade) {
            b.append("Connection: close\r\n");
        }
        return b.append("\r\n").toString();
    }
}
