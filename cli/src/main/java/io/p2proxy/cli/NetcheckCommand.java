package io.p2proxy.cli;

import io.p2proxy.common.HostPort;
import io.p2proxy.netcheck.NetCheck;
import io.p2proxy.netcheck.NetCheckException;
import io.p2proxy.netcheck.NetCheckOptions;
import io.p2proxy.netcheck.NetReport;
import io.p2proxy.netcheck.NetReportFormat;
import io.p2proxy.netcheck.StunTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code p2proxy netcheck --server HOST[:PORT] [--second HOST[:PORT]] [--json]} (SPEC.md). Exit 0
 * when the check ran, whatever it found (blocked UDP is a finding); 1 when it could not run (a name
 * that does not resolve); 2 for bad usage.
 */
@Command(name = "netcheck", mixinStandardHelpOptions = true,
        description = "Reports UDP reachability, public mapping, NAT mapping behaviour, hairpinning and latency.")
final class NetcheckCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]",
            description = "the rendezvous server's STUN address (default port " + StunTarget.DEFAULT_PORT
                    + "); a ws:// or wss:// server URL uses its host")
    String server;

    @Option(names = "--second", paramLabel = "HOST[:PORT]",
            description = "another STUN address to compare mappings with (e.g. the server's second address)")
    String second;

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    @Override
    public Integer call() {
        HostPort target = parse("--server", server);
        NetCheckOptions options = NetCheckOptions.defaults();
        if (second != null) {
            options = options.withSecond(parse("--second", second));
        }
        NetReport report;
        try {
            report = NetCheck.run(target, options);
        } catch (NetCheckException e) {
            throw new ExitException(Main.FAILURE, "netcheck: " + e.getMessage());
        }
        System.out.print(json ? NetReportFormat.json(report) + "\n" : NetReportFormat.text(report));
        return Main.OK;
    }

    private static HostPort parse(String option, String value) {
        try {
            return StunTarget.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ExitException(Main.USAGE, option + ": " + e.getMessage());
        }
    }
}
