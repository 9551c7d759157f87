package io.p2proxy.common.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * NIST P-256 parameters and the one piece of curve arithmetic the JDK does not expose: the public
 * point Q = d·G of a private scalar d (SEC 1 §3.2.1). Used once per key load, so plain affine
 * double-and-add is fast enough; it handles only secrets we generated or loaded ourselves.
 */
public final class P256 {

    public static final ECParameterSpec SPEC;
    private static final BigInteger P;
    private static final BigInteger A;

    static {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            SPEC = params.getParameterSpec(ECParameterSpec.class);
            P = ((ECFieldFp) SPEC.getCurve().getField()).getP();
            A = SPEC.getCurve().getA();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private P256() {
    }

    public static boolean isP256(ECParameterSpec spec) {
        return spec.getCurve().equals(SPEC.getCurve()) && spec.getGenerator().equals(SPEC.getGenerator())
                && spec.getOrder().equals(SPEC.getOrder());
    }

    /** Q = d·G. */
    public static ECPoint publicPoint(BigInteger d) {
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = SPEC.getGenerator();
        for (int i = 0; i < d.bitLength(); i++) {
            if (d.testBit(i)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
    }

    private static ECPoint add(ECPoint p, ECPoint q) {
        if (p.equals(ECPoint.POINT_INFINITY)) {
            return q;
        }
        if (q.equals(ECPoint.POINT_INFINITY)) {
            return p;
        }
        BigInteger x1 = p.getAffineX();
        BigInteger y1 = p.getAffineY();
        BigInteger x2 = q.getAffineX();
        BigInteger y2 = q.getAffineY();
        BigInteger lambda;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            // tangent: (3x² + a) / 2y
            lambda = x1.pow(2).multiply(BigInteger.valueOf(3)).add(A)
                    .multiply(y1.shiftLeft(1).modInverse(P)).mod(P);
        } else {
            lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(P)).mod(P);
        }
        BigInteger x3 = lambda.pow(2).subtract(x1).subtract(x2).mod(P);
        BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(P);
        return new ECPoint(x3, y3);
    }
}
