package io.p2proxy.common;

import io.p2proxy.common.internal.P256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * A peer's identity: a P-256 key pair and the {@link PeerId} derived from its public key.
 * Stored as a PKCS#8 PEM file with mode 0600; a file that group or others may read is refused.
 */
public final class Identity {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String SIGNATURE = "SHA256withECDSA";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final PeerId id;

    private Identity(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.id = PeerId.of(publicKey);
    }

    public static Identity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            var pair = generator.generateKeyPair();
            return new Identity(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make P-256 keys", e);
        }
    }

    /** Loads {@code file}, or creates it (mode 0600) when it does not exist. */
    public static Identity loadOrCreate(Path file) throws IdentityException {
        try {
            return load(file);
        } catch (IdentityException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        }
        Identity identity = generate();
        try {
            identity.writeNew(file);
        } catch (FileAlreadyExistsException raced) {
            return load(file);
        } catch (IOException e) {
            throw new IdentityException(file, "cannot create key file: " + e, e);
        }
        return identity;
    }

    public static Identity load(Path file) throws IdentityException {
        Objects.requireNonNull(file, "file");
        String pem;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> !OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE)) {
                throw new IdentityException(file, "key file is accessible by others (mode "
                        + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
            }
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IdentityException(file, "no such key file", e);
        } catch (UnsupportedOperationException e) {
            throw new IdentityException(file, "file system without POSIX permissions", e);
        } catch (IOException e) {
            throw new IdentityException(file, "cannot read key file: " + e, e);
        }
        return fromPem(file, pem);
    }

    private static Identity fromPem(Path file, String pem) throws IdentityException {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IdentityException(file, "not a PKCS#8 PEM private key (expected: " + BEGIN + ")");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof ECPrivateKey ec) || !P256.isP256(ec.getParams())) {
                throw new IdentityException(file, "not a P-256 key (expected: a key from 'p2proxy keygen')");
            }
            var point = P256.publicPoint(ec.getS());
            PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256.SPEC));
            return new Identity(key, pub);
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new IdentityException(file, "malformed private key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot read P-256 keys", e);
        }
    }

    /** Writes this identity to {@code file}, which must not exist; mode 0600 from the first byte. */
    public void writeNew(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".p2proxy-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, toPem(), StandardCharsets.US_ASCII);
            Files.createLink(file, tmp); // atomic, and fails when the file already exists
        } catch (UnsupportedOperationException e) {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String toPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded());
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    public PeerId id() {
        return id;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The public key as base64 of its DER SubjectPublicKeyInfo, the form signaling carries. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** ECDSA P-256 with SHA-256, DER-encoded signature. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(SIGNATURE);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a P-256 key", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(SIGNATURE);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // malformed signature bytes are a failed verification, not an error
        }
    }

    /**
     * Decodes a base64 SubjectPublicKeyInfo and checks it is a P-256 point.
     *
     * @throws IllegalArgumentException when it is anything else
     */
    public static PublicKey decodePublicKey(String base64) {
        Objects.requireNonNull(base64, "base64");
        try {
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(key instanceof java.security.interfaces.ECPublicKey ec) || !P256.isP256(ec.getParams())) {
                throw new IllegalArgumentException("public key: not P-256 (expected: an EC P-256 key)");
            }
            return key;
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            throw new IllegalArgumentException("public key: malformed (expected: base64 DER SubjectPublicKeyInfo of a P-256 key)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot read P-256 keys", e);
        }
    }

    @Override
    public String toString() {
        return "Identity[" + id + "]";
    }
}
