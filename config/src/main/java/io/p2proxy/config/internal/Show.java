package io.p2proxy.config.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders values for one-line messages: quoted, escaped, never longer than a line should be. */
final class Show {

    private static final int MAX = 80;

    private Show() {
    }

    /** {@code '30 sec'}, control characters escaped, long text cut with "...". */
    static String text(String value) {
        return "'" + clean(value) + "'";
    }

    /** A TOML value as a user would recognise it: strings quoted, tables and arrays by kind. */
    static String node(JsonNode node) {
        if (node.isTextual()) {
            return text(node.textValue());
        }
        if (node.isObject()) {
            return "a table";
        }
        if (node.isArray()) {
            return "an array";
        }
        return clean(node.isPojo() ? String.valueOf(((com.fasterxml.jackson.databind.node.POJONode) node).getPojo())
                : node.asText());
    }

    static String clean(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX) + 8);
        for (int i = 0; i < value.length(); i++) {
            if (sb.length() >= MAX) {
                return sb.append("...").toString();
            }
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
