package io.p2proxy.rendezvous;

/** The server could not start: an address in use, an unreadable TLS key. The message names which. */
public final class RendezvousException extends Exception {

    public RendezvousException(String message, Throwable cause) {
        super(message, cause);
    }
}
