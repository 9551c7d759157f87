package io.p2proxy.common;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A host (name or literal address) and a TCP/UDP port, as written in config and on the command
 * line: {@code 127.0.0.1:554}, {@code [::1]:8443}, {@code example.org:3478}.
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host: empty (expected: a name or an IP address)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
    }

    /**
     * Parses {@code HOST:PORT}; an IPv6 literal must be bracketed. Port 0 means "any free port"
     * and is accepted, since listeners in tests use it.
     *
     * @throws IllegalArgumentException with a message naming what was expected
     */
    public static HostPort parse(String text) {
        Objects.requireNonNull(text, "text");
        String expected = " (expected: HOST:PORT, IPv6 as [ADDR]:PORT)";
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("bad address: '" + text + "'" + expected);
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException("bad address: '" + text + "'" + expected);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException("bad address: '" + text + "'" + expected);
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
        }
        if (host.isEmpty() || !validHost(host)) {
            throw new IllegalArgumentException("bad host in '" + text + "'" + expected);
        }
        int port;
        try {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + text + "' (expected: 0..65535)");
        }
        if (port > 65535) {
            throw new IllegalArgumentException("bad port in '" + text + "' (expected: 0..65535)");
        }
        return new HostPort(host, port);
    }

    private static boolean validHost(String host) {
        if (host.indexOf(':') >= 0) { // IPv6 literal
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        if (host.length() > 253) {
            return false;
        }
        return host.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_');
    }

    public static HostPort of(InetSocketAddress address) {
        return new HostPort(address.getAddress() != null ? address.getAddress().getHostAddress()
                : address.getHostString(), address.getPort());
    }

    /** Resolves the host (blocking for names; literal addresses never touch DNS). */
    public InetSocketAddress resolve() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** An unresolved socket address, for Netty bootstraps that resolve on their loop. */
    public InetSocketAddress unresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
