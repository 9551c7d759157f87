package io.p2proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownPeersTest {

    @TempDir
    Path dir;

    @Test
    void firstUsePinsAndAnotherIdForTheNameIsAMismatchEvenAfterARestart() throws Exception {
        Path file = dir.resolve("laptop.known_peers");
        PeerId garage = Identity.generate().id();
        PeerId thief = Identity.generate().id();
        KnownPeers known = KnownPeers.load(file);
        assertThat(known.check("garage", garage)).isEqualTo(KnownPeers.Verdict.FIRST_USE);
        assertThat(known.check("garage", garage)).isEqualTo(KnownPeers.Verdict.KNOWN);
        assertThat(known.check("garage", thief)).isEqualTo(KnownPeers.Verdict.MISMATCH);
        assertThat(Files.readString(file)).isEqualTo("garage " + garage + "\n");

        KnownPeers reloaded = KnownPeers.load(file);
        assertThat(reloaded.check("garage", thief)).isEqualTo(KnownPeers.Verdict.MISMATCH);
        assertThat(reloaded.check("garage", garage)).isEqualTo(KnownPeers.Verdict.KNOWN);
    }

    @Test
    void badLinesAreSkippedAndCommentsIgnored() throws Exception {
        PeerId id = Identity.generate().id();
        Path file = dir.resolve("k");
        Files.writeString(file, "# pins\nnot a line\nGarage xyz\ncamera " + id + "\n");
        KnownPeers known = KnownPeers.load(file);
        assertThat(known.pinned("camera")).isEqualTo(id);
        assertThat(known.pinned("Garage")).isNull();
    }
}
