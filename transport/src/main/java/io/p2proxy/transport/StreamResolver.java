package io.p2proxy.transport;

import io.p2proxy.common.HostPort;
import io.p2proxy.common.PeerId;
import java.util.Objects;

/**
 * Decides where an accepted stream goes: the publishing peer's own config, never the wire
 * (SPEC.md: "nothing on the wire names a host or port to dial"). Called on the connection's event
 * loop: it must not block.
 */
@FunctionalInterface
public interface StreamResolver {

    Resolution resolve(PeerId remote, String resource);

    /** Refuses every resource: for a peer that publishes nothing. */
    static StreamResolver refuseAll() {
        return (remote, resource) -> Resolution.refuse(OpenError.NOT_FOUND_OR_DENIED);
    }

    /** The answer of a {@link StreamResolver}. */
    sealed interface Resolution {

        static Resolution target(HostPort target) {
            return new Target(target);
        }

        static Resolution refuse(OpenError error) {
            return new Refused(error);
        }
    }

    /** Connect to {@code target}. */
    record Target(HostPort target) implements Resolution {
        public Target {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Answer {@code error}; only codes with a wire value may be used. */
    record Refused(OpenError error) implements Resolution {
        public Refused {
            Objects.requireNonNull(error, "error");
            if (error.wire() < 0) {
                throw new IllegalArgumentException("error: " + error + " (expected: a code that travels, e.g. NOT_FOUND_OR_DENIED)");
            }
        }
    }
}
