package io.p2proxy.netcheck;

import io.p2proxy.common.HostPort;
import io.p2proxy.netcheck.NetReport.Probe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link NetReport} as aligned lines for people, or as one JSON object for programs. */
public final class NetReportFormat {

    private NetReportFormat() {
    }

    /** A few aligned {@code label  value} lines, each ending in a newline. */
    public static String text(NetReport r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("server", r.server()));
        rows.add(row("udp", r.udp().reachable() ? "reachable (" + r.udp().detail() + ")" : "blocked: " + r.udp().detail()));
        if (r.local() != null) {
            rows.add(row("local", address(r.local())));
        }
        for (Probe p : r.udp().reachable() ? r.probes() : List.<Probe>of()) {
            String label = p.role().equals("primary") ? "public" : p.role();
            rows.add(row(label, (p.answered() ? address(p.mapped()) : "no answer: " + p.error())
                    + "  (via " + address(p.destination()) + ")"));
        }
        rows.add(row("nat", !r.udp().reachable() ? "unknown" : r.behindNat() ? "yes (the public address is not this host's)" : "none (the public address is this host's own)"));
        rows.add(row("mapping", r.mapping().kind().label() + " (" + r.mapping().basis() + ")"));
        rows.add(row("filtering", r.filtering().behaviour() + " (" + r.filtering().detail() + ")"));
        rows.add(row("hairpinning", r.hairpin().result() + " (" + r.hairpin().detail() + ")"));
        rows.add(row("latency", r.latency().median() == null ? "unknown"
                : millis(r.latency().median()) + " ms (median of " + r.latency().samples() + ")"));
        rows.add(row("verdict", r.verdict()));
        int width = rows.stream().mapToInt(x -> x[0].length()).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder();
        for (String[] x : rows) {
            out.append(x[0]).append(" ".repeat(width - x[0].length())).append(x[1]).append('\n');
        }
        return out.toString();
    }

    /** One JSON object on one line (no trailing newline); see the module README for the fields. */
    public static String json(NetReport r) {
        StringBuilder out = new StringBuilder(512).append('{');
        field(out, "server", str(r.server())).append(',');
        field(out, "udp", "{" + pair("reachable", String.valueOf(r.udp().reachable())) + ","
                + pair("detail", str(r.udp().detail())) + "}").append(',');
        field(out, "local", str(r.local() == null ? null : address(r.local()))).append(',');
        field(out, "public", str(r.publicAddress().map(NetReportFormat::address).orElse(null))).append(',');
        field(out, "behind_nat", r.udp().reachable() ? String.valueOf(r.behindNat()) : "null").append(',');
        List<String> probes = new ArrayList<>();
        for (Probe p : r.probes()) {
            probes.add("{" + pair("to", str(address(p.destination()))) + "," + pair("role", str(p.role())) + ","
                    + pair("mapped", str(p.mapped() == null ? null : address(p.mapped()))) + ","
                    + pair("error", str(p.error())) + ","
                    + pair("rtt_ms", p.rtt() == null ? "null" : millis(p.rtt())) + "}");
        }
        field(out, "probes", "[" + String.join(",", probes) + "]").append(',');
        field(out, "mapping", "{" + pair("behaviour", str(r.mapping().kind().label())) + ","
                + pair("basis", str(r.mapping().basis())) + "}").append(',');
        field(out, "filtering", "{" + pair("behaviour", str(r.filtering().behaviour())) + ","
                + pair("detail", str(r.filtering().detail())) + "}").append(',');
        field(out, "hairpinning", "{" + pair("result", str(r.hairpin().result())) + ","
                + pair("detail", str(r.hairpin().detail())) + "}").append(',');
        field(out, "latency", "{" + pair("median_ms", r.latency().median() == null ? "null" : millis(r.latency().median()))
                + "," + pair("samples", String.valueOf(r.latency().samples())) + ","
                + pair("sent", String.valueOf(r.latency().sent())) + "}").append(',');
        field(out, "verdict", str(r.verdict())).append(',');
        field(out, "elapsed_ms", String.valueOf(r.elapsed().toMillis()));
        return out.append('}').toString();
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static String address(InetSocketAddress a) {
        return HostPort.of(a).toString();
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e6);
    }

    private static StringBuilder field(StringBuilder out, String name, String json) {
        return out.append(pair(name, json));
    }

    private static String pair(String name, String json) {
        return str(name) + ":" + json;
    }

    /** A JSON string (RFC 8259 §7), or {@code null}. */
    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
