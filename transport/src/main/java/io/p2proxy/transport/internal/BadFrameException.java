package io.p2proxy.transport.internal;

/** A stream's control frame broke the wire rules; the stream is answered BAD_REQUEST and ends. */
public final class BadFrameException extends Exception {

    public BadFrameException(String message) {
        super(message, null, false, false); // thrown per bad input: no stack trace needed
    }
}
