package io.p2proxy.proxy.internal;

import java.util.Set;

/** What a SOCKS5 client sends before the tunnel (RFC 1928, and RFC 1929's username/password). */
public sealed interface SocksMessage {

    int VERSION = 5;
    int NO_AUTH = 0x00;
    int USERNAME_PASSWORD = 0x02;
    int NO_ACCEPTABLE_METHOD = 0xFF;
    int CONNECT = 0x01;
    int ATYP_IPV4 = 0x01;
    int ATYP_DOMAIN = 0x03;
    int ATYP_IPV6 = 0x04;
    /** RFC 1929 section 2: the sub-negotiation's own version. */
    int AUTH_VERSION = 0x01;
    int AUTH_SUCCESS = 0x00;
    int AUTH_FAILURE = 0x01;

    /** Section 3: the methods the client offers. */
    record Greeting(Set<Integer> methods) implements SocksMessage {
    }

    /**
     * RFC 1929 section 2: the bytes as sent, one char per byte (ISO-8859-1), so that comparing
     * them loses nothing. {@link #toString()} never shows the password.
     */
    record Auth(String username, String password) implements SocksMessage {
        @Override
        public String toString() {
            return "Auth[username=" + P2pNames.printable(username) + ", password=(hidden)]";
        }
    }

    /**
     * Section 4. {@code host} is the domain name as sent (ISO-8859-1), or an IP literal's text.
     *
     * @param command 1 CONNECT, 2 BIND, 3 UDP ASSOCIATE, anything else unknown
     * @param addressType {@link #ATYP_IPV4}, {@link #ATYP_DOMAIN} or {@link #ATYP_IPV6}
     */
    record Request(int command, int addressType, String host, int port) implements SocksMessage {
    }
}
