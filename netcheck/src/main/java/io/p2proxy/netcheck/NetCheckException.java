package io.p2proxy.netcheck;

/** The check could not run at all (a server name that does not resolve, no local UDP socket). */
public final class NetCheckException extends Exception {

    private static final long serialVersionUID = 1L;

    public NetCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
