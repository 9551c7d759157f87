package io.p2proxy.session;

import io.p2proxy.common.PeerId;
import io.p2proxy.common.PeerName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins peer names to peer ids, like ssh's known_hosts: the first id seen for a name is written to
 * the file; later a different id for that name is refused, so that neither a server nor a thief of
 * the name can substitute keys unnoticed. One line per peer: {@code NAME ID}. Lines starting with
 * {@code #} are comments. Removing a line forgets the pin.
 */
public final class KnownPeers {

    private static final Logger log = LoggerFactory.getLogger(KnownPeers.class);

    /** What {@link #check} found. */
    public enum Verdict { KNOWN, FIRST_USE, MISMATCH }

    private final Path file;
    private final Map<String, PeerId> pins = new HashMap<>();

    private KnownPeers(Path file) {
        this.file = file;
    }

    /** Reads {@code file} (a missing file is an empty one); bad lines are reported and skipped. */
    public static KnownPeers load(Path file) throws IOException {
        KnownPeers k = new KnownPeers(Objects.requireNonNull(file, "file"));
        if (Files.exists(file)) {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                if (parts.length != 2 || !PeerName.isValid(parts[0]) || !PeerId.isValid(parts[1])) {
                    log.warn("{}:{}: ignored (expected: NAME PEER-ID)", file, n);
                    continue;
                }
                k.pins.put(parts[0], new PeerId(parts[1]));
            }
        }
        return k;
    }

    /** In memory only, for tests and embedders that pin elsewhere. */
    public static KnownPeers inMemory() {
        return new KnownPeers(null);
    }

    /** The pinned id for {@code name}, or null. */
    public synchronized PeerId pinned(String name) {
        return pins.get(name);
    }

    /**
     * Checks {@code id} against the pin for {@code name}, pinning it (and appending it to the file)
     * on first use.
     */
    public synchronized Verdict check(String name, PeerId id) {
        PeerId known = pins.get(name);
        if (known != null) {
            return known.equals(id) ? Verdict.KNOWN : Verdict.MISMATCH;
        }
        pins.put(name, id);
        if (file != null) {
            try {
                Files.writeString(file, name + " " + id + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                log.warn("cannot record {} = {} in {}: {}", name, id, file, e.toString());
            }
        }
        return Verdict.FIRST_USE;
    }
}
