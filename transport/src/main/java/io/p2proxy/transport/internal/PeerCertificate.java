package io.p2proxy.transport.internal;

import io.p2proxy.common.Identity;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed X.509 certificate around an identity's P-256 key: TLS needs a certificate to carry
 * the key, nothing else in it matters. Trust comes from the key's {@code PeerId}, checked by
 * {@link PinnedPeerTrustManager}; names, dates and the self-signature are not what is verified
 * (the TLS 1.3 CertificateVerify proves the key, RFC 8446 section 4.4.3).
 */
public final class PeerCertificate {

    private static final Duration BACKDATE = Duration.ofDays(1); // tolerate clock skew on the far side
    private static final Duration VALIDITY = Duration.ofDays(365L * 50);

    private PeerCertificate() {
    }

    public static X509Certificate selfSigned(Identity identity) {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=p2proxy-" + identity.id().shortForm());
        BigInteger serial = new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
        try {
            var builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(VALIDITY)), name, identity.publicKey());
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(identity.privateKey());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot make a certificate for " + identity, e);
        }
    }
}
