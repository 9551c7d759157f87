package io.p2proxy.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {

    @TempDir
    Path dir;

    @Test
    void writtenKeyLoadsBackWithTheSameIdAndMode0600() throws Exception {
        Identity created = Identity.generate();
        Path file = dir.resolve("peer.key");
        created.writeNew(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        Identity loaded = Identity.load(file);
        assertThat(loaded.id()).isEqualTo(created.id());
        assertThat(loaded.publicKey().getEncoded()).isEqualTo(created.publicKey().getEncoded());
    }

    @Test
    void derivedPublicKeyMatchesTheGeneratorForManyKeys() throws Exception {
        for (int i = 0; i < 20; i++) {
            Identity created = Identity.generate();
            Path file = dir.resolve("k" + i);
            created.writeNew(file);
            assertThat(Identity.load(file).publicKey()).isEqualTo(created.publicKey());
        }
    }

    @Test
    void loadOrCreateCreatesOnceThenKeepsTheSameKey() throws Exception {
        Path file = dir.resolve("sub/dir/peer.key");
        Identity first = Identity.loadOrCreate(file);
        Identity second = Identity.loadOrCreate(file);
        assertThat(second.id()).isEqualTo(first.id());
    }

    @Test
    void writeNewRefusesToOverwrite() throws Exception {
        Path file = dir.resolve("peer.key");
        Identity.generate().writeNew(file);
        assertThatThrownBy(() -> Identity.generate().writeNew(file))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void keyReadableByOthersIsRefusedWithTheFixInTheMessage() throws Exception {
        Path file = dir.resolve("peer.key");
        Identity.generate().writeNew(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Identity.load(file))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("accessible by others")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void garbageAndForeignKeysAreRefusedClearly() throws Exception {
        Path garbage = dir.resolve("garbage.key");
        Files.createFile(garbage, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Identity.load(garbage)).isInstanceOf(IdentityException.class)
                .hasMessageContaining("malformed");

        Path text = dir.resolve("text.key");
        Files.createFile(text, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> Identity.load(text)).isInstanceOf(IdentityException.class)
                .hasMessageContaining("PKCS#8");

        assertThatThrownBy(() -> Identity.load(dir.resolve("missing"))).isInstanceOf(IdentityException.class)
                .hasMessageContaining("no such key file");
    }

    @Test
    void signaturesVerifyOnlyForTheSignedBytesAndKey() {
        Identity a = Identity.generate();
        Identity b = Identity.generate();
        byte[] nonce = "nonce-123".getBytes(StandardCharsets.UTF_8);
        byte[] sig = a.sign(nonce);
        assertThat(Identity.verify(a.publicKey(), nonce, sig)).isTrue();
        assertThat(Identity.verify(b.publicKey(), nonce, sig)).isFalse();
        assertThat(Identity.verify(a.publicKey(), "nonce-124".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(Identity.verify(a.publicKey(), nonce, new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void publicKeyTravelsAsBase64AndKeepsItsId() {
        Identity a = Identity.generate();
        assertThat(PeerId.of(Identity.decodePublicKey(a.publicKeyBase64()))).isEqualTo(a.id());
        assertThatThrownBy(() -> Identity.decodePublicKey("AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identity.decodePublicKey("not base64!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peerIdIsFiftyTwoBase32Characters() {
        PeerId id = Identity.generate().id();
        assertThat(id.value()).hasSize(52).matches("[a-z2-7]+");
        assertThatThrownBy(() -> new PeerId("ABC")).isInstanceOf(IllegalArgumentException.class);
    }
}
