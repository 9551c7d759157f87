package io.p2proxy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code p2proxy netcheck --server HOST[:PORT]} (SPEC.md); the probe itself arrives with NAT traversal. */
@Command(name = "netcheck", mixinStandardHelpOptions = true,
        description = "Reports UDP reachability, public mapping, NAT mapping behaviour and latency.")
final class NetcheckCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]", description = "the rendezvous server's STUN address")
    String server;

    @Override
    public Integer call() {
        throw new ExitException(Main.FAILURE, "netcheck is not built yet: it arrives with NAT traversal (TURN, relay, lab)");
    }
}
