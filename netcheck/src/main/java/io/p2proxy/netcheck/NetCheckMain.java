package io.p2proxy.netcheck;

import io.p2proxy.common.HostPort;

/**
 * {@code java io.p2proxy.netcheck.NetCheckMain HOST[:PORT] [SECOND_HOST[:PORT]]}: the check without the
 * CLI (the NAT lab runs it in a namespace). Prints the text report, then the JSON on one line
 * prefixed {@code json }. Exit 0 when it ran, 1 when it could not, 2 for bad usage.
 */
public final class NetCheckMain {

    private NetCheckMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: NetCheckMain HOST[:PORT] [SECOND_HOST[:PORT]]");
            return 2;
        }
        NetCheckOptions options = NetCheckOptions.defaults();
        HostPort server;
        try {
            server = StunTarget.parse(args[0]);
            if (args.length == 2) {
                options = options.withSecond(StunTarget.parse(args[1]));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("netcheck: " + e.getMessage());
            return 2;
        }
        try {
            NetReport report = NetCheck.run(server, options);
            System.out.print(NetReportFormat.text(report));
            System.out.println("json " + NetReportFormat.json(report));
            return 0;
        } catch (NetCheckException e) {
            System.err.println("netcheck: " + e.getMessage());
            return 1;
        }
    }
}
