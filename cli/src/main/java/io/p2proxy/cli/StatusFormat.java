package io.p2proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders a peer's or server's /status JSON for people. */
final class StatusFormat {

    private StatusFormat() {
    }

    static String text(JsonNode s) {
        StringBuilder out = new StringBuilder();
        if (s.has("name")) {
            JsonNode server = s.path("server");
            out.append("peer ").append(s.path("name").asText()).append("  id ").append(s.path("id").asText()).append('\n');
            out.append("server ").append(server.path("url").asText()).append("  ").append(server.path("state").asText());
            if (server.hasNonNull("reason")) {
                out.append(" (").append(server.path("reason").asText()).append(')');
            }
            out.append('\n');
            section(out, "sessions", s.path("sessions"), n -> String.format("%-16s %-10s %-6s %-22s rtt %s ms  streams %d  sent %d  received %d",
                    n.path("peer").asText(), n.path("state").asText(), n.path("path").asText(""),
                    n.path("remote").asText(""), n.path("rtt_ms").asText("-"), n.path("streams").asInt(),
                    n.path("bytes_sent").asLong(), n.path("bytes_received").asLong()));
            section(out, "listeners", s.path("listeners"), n -> String.format("%-8s %-22s -> %s",
                    n.path("kind").asText(), n.path("listen").asText(), n.path("to").asText("")));
            section(out, "published", s.path("published"), n -> String.format("%-16s -> %s",
                    n.path("name").asText(), n.path("target").asText()));
        } else {
            section(out, "peers online", s.path("peers"), n -> String.format("%-16s %-22s since %s  id %s",
                    n.path("name").asText(), n.path("address").asText(), n.path("since").asText(), n.path("id").asText()));
            section(out, "relays", s.path("relays"), n -> String.format("%s <-> %s  %d bytes",
                    n.path("a").asText(), n.path("b").asText(), n.path("bytes").asLong()));
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, JsonNode items,
            java.util.function.Function<JsonNode, String> line) {
        out.append(title).append(": ").append(items.size()).append('\n');
        for (JsonNode item : items) {
            out.append("  ").append(line.apply(item)).append('\n');
        }
    }
}
