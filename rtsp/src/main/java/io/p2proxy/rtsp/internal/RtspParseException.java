package io.p2proxy.rtsp.internal;

/** Bytes that are not RTSP (RFC 2326 section 4), or a head or body over its size limit. */
public final class RtspParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public RtspParseException(String message) {
        super(message, null, false, false);
    }
}
