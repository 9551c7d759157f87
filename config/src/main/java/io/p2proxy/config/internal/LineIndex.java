package io.p2proxy.config.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines of keys in a TOML text, by key path ({@code linger}, {@code tls.cert},
 * {@code publish[2].target}, {@code publish[1].allow[3]}; array indexes 1-based).
 *
 * <p>Jackson's TOML parser builds a tree without locations, so this scans the raw text once more:
 * table headers, keys and the elements of arrays. It only runs on text the parser accepted, and
 * answers best effort: a path it did not see falls back to its nearest parent that it did see
 * (a key inside an inline table answers the line of the table).
 */
final class LineIndex {

    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, Integer> arrayCounts = new HashMap<>();
    private final String s;
    private int pos;
    private int line = 1;
    private String table = "";

    private LineIndex(String text) {
        this.s = text;
    }

    static LineIndex of(String text) {
        LineIndex index = new LineIndex(text);
        index.scan();
        return index;
    }

    /** The line of {@code path} or of its nearest known parent; 0 when none is known. */
    int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer found = lines.get(p);
            if (found != null) {
                return found;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    private void scan() {
        while (pos < s.length()) {
            skipBlanks();
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '\n' || c == '\r') {
                advance();
            } else if (c == '#') {
                skipToEol();
            } else if (c == '[') {
                header();
                skipToEol();
            } else {
                keyValue();
            }
        }
    }

    private void header() {
        int at = line;
        boolean array = pos + 1 < s.length() && s.charAt(pos + 1) == '[';
        pos += array ? 2 : 1;
        List<String> segments = key();
        if (segments == null) {
            return;
        }
        String resolved = "";
        for (int i = 0; i < segments.size(); i++) {
            String candidate = join(resolved, segments.get(i));
            if (array && i == segments.size() - 1) {
                lines.putIfAbsent(candidate, at);
                candidate = candidate + "[" + arrayCounts.merge(candidate, 1, Integer::sum) + "]";
            } else if (arrayCounts.containsKey(candidate)) {
                candidate = candidate + "[" + arrayCounts.get(candidate) + "]";
            }
            resolved = candidate;
        }
        table = resolved;
        lines.putIfAbsent(resolved, at);
    }

    private void keyValue() {
        int at = line;
        List<String> segments = key();
        skipBlanks();
        if (segments == null || pos >= s.length() || s.charAt(pos) != '=') {
            skipToEol();
            return;
        }
        pos++;
        String path = table;
        for (String segment : segments) {
            path = join(path, segment);
        }
        lines.putIfAbsent(path, at);
        value(path);
    }

    /** Scans one value, possibly over many lines; records the lines of a top array's elements. */
    private void value(String path) {
        Deque<Character> open = new ArrayDeque<>();
        boolean expectElement = false;
        int element = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (open.isEmpty() && (c == '\n' || c == '\r' || c == '#')) {
                skipToEol();
                return;
            }
            boolean inTopArray = open.size() == 1 && open.peek() == '[';
            if (inTopArray && expectElement && c != ' ' && c != '\t' && c != '\n' && c != '\r'
                    && c != ',' && c != '#' && c != ']') {
                lines.putIfAbsent(path + "[" + ++element + "]", line);
                expectElement = false;
            }
            switch (c) {
                case '"', '\'' -> string(c);
                case '[', '{' -> {
                    open.push(c);
                    pos++;
                    if (open.size() == 1 && c == '[') {
                        expectElement = true;
                    }
                }
                case ']', '}' -> {
                    if (!open.isEmpty()) {
                        open.pop();
                    }
                    pos++;
                }
                case ',' -> {
                    expectElement = inTopArray;
                    pos++;
                }
                case '#' -> skipToEol();
                default -> advance();
            }
        }
    }

    /** Skips a basic or literal string, single- or multi-line. */
    private void string(char quote) {
        boolean multi = s.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += multi ? 3 : 1;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\' && quote == '"') {
                advance();
                if (pos < s.length()) {
                    advance();
                }
                continue;
            }
            if (c == quote && (!multi || s.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += multi ? 3 : 1;
                // A multi-line string may end with up to two more quotes of its own.
                while (multi && pos < s.length() && s.charAt(pos) == quote) {
                    pos++;
                }
                return;
            }
            if (c == '\n' && !multi) {
                return;
            }
            advance();
        }
    }

    /** A dotted key of bare and quoted parts; null when there is none here. */
    private List<String> key() {
        List<String> segments = new ArrayList<>();
        while (true) {
            skipBlanks();
            int start = pos;
            String segment;
            if (pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\'')) {
                char quote = s.charAt(pos);
                string(quote);
                segment = s.substring(start + 1, Math.max(start + 1, pos - 1));
                if (quote == '"') {
                    segment = unescape(segment);
                }
            } else {
                while (pos < s.length() && bare(s.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    return null;
                }
                segment = s.substring(start, pos);
            }
            segments.add(segment);
            skipBlanks();
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
            } else {
                return segments;
            }
        }
    }

    /** TOML basic-string escapes, so that {@code "a\\tb"} matches the key the parser made. */
    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                sb.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'f' -> sb.append('\f');
                case 'r' -> sb.append('\r');
                case 'u', 'U' -> {
                    int digits = e == 'u' ? 4 : 8;
                    try {
                        sb.appendCodePoint(Integer.parseInt(raw.substring(i + 1, i + 1 + digits), 16));
                        i += digits;
                    } catch (RuntimeException bad) {
                        sb.append(e); // the parser accepted the text, so this is not reached on real input
                    }
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    private static boolean bare(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private void skipBlanks() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipToEol() {
        while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
        }
        if (pos < s.length()) {
            advance();
        }
    }

    private void advance() {
        if (s.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }
}
