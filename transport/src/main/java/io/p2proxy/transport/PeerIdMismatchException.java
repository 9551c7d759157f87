package io.p2proxy.transport;

import io.p2proxy.common.PeerId;
import java.security.cert.CertificateException;

/**
 * The remote end of a TLS handshake presented a key whose {@link PeerId} is not the one expected:
 * the handshake is aborted. Names both ids so that one log line explains the refusal.
 */
public final class PeerIdMismatchException extends CertificateException {

    private final transient PeerId expected;
    private final transient PeerId actual;

    public PeerIdMismatchException(PeerId expected, PeerId actual) {
        super("peer id mismatch: expected " + expected + ", got " + (actual == null ? "no usable key" : actual));
        this.expected = expected;
        this.actual = actual;
    }

    public PeerId expected() {
        return expected;
    }

    /** The id the remote proved, or {@code null} when its certificate carried no usable key. */
    public PeerId actual() {
        return actual;
    }
}
