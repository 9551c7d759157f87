package io.p2proxy.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p2proxy.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/** One TOML table with its key path: typed reads whose failures name the key and its line. */
public final class TomlTable {

    private final TomlSource source;
    private final String path;
    private final ObjectNode node;

    TomlTable(TomlSource source, String path, ObjectNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    public TomlSource source() {
        return source;
    }

    /** Where this table is (its header's line); the file itself for the root table. */
    public Origin origin() {
        return path.isEmpty() ? new Origin(source.name(), 0, null) : source.origin(path);
    }

    public Origin origin(String key) {
        return source.origin(child(key));
    }

    public boolean has(String key) {
        return node.has(key);
    }

    /** Fails on the first key not in {@code known}, suggesting the closest known key. */
    public void checkKeys(Collection<String> known) throws ConfigException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!known.contains(key)) {
                Origin origin = source.origin(child(key));
                String suggestion = Suggest.closest(key, known);
                throw origin.problem(suggestion != null ? "unknown key (did you mean '" + suggestion + "'?)"
                        : "unknown key (expected: one of " + String.join(", ", known) + ")");
            }
        }
    }

    /** A string, or null when absent. */
    public Text string(String key, String expected) throws ConfigException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        return text(value, child(key), expected);
    }

    /** A string whose value no message may show (a password), or null when absent. */
    public Text secret(String key, String expected) throws ConfigException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw origin(key).problem("not a quoted string (expected: a quoted string, " + expected + ")");
        }
        return new Text(value.textValue(), origin(key));
    }

    /** A boolean, or null when absent. */
    public Boolean bool(String key) throws ConfigException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw origin(key).bad(Show.node(value), "true or false");
        }
        return value.booleanValue();
    }

    /** A string or an array of strings ({@code single} allows the former); empty when absent. */
    public List<Text> strings(String key, String expected, boolean single) throws ConfigException {
        JsonNode value = node.get(key);
        List<Text> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (single && value.isTextual()) {
            out.add(text(value, child(key), expected));
            return out;
        }
        if (!value.isArray()) {
            throw origin(key).bad(Show.node(value), (single ? "a string or an array of strings, " : "an array of strings, ")
                    + expected);
        }
        for (int i = 0; i < value.size(); i++) {
            out.add(text(value.get(i), child(key) + "[" + (i + 1) + "]", expected));
        }
        return out;
    }

    /** A sub-table ({@code [key]}), or null when absent. */
    public TomlTable table(String key) throws ConfigException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw origin(key).bad(Show.node(value), "a table, written [" + key + "]");
        }
        return new TomlTable(source, child(key), (ObjectNode) value);
    }

    /** An array of tables ({@code [[key]]}); empty when absent. */
    public List<TomlTable> tables(String key) throws ConfigException {
        JsonNode value = node.get(key);
        List<TomlTable> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            throw origin(key).bad(Show.node(value), "an array of tables, written [[" + key + "]]");
        }
        for (int i = 0; i < value.size(); i++) {
            String at = child(key) + "[" + (i + 1) + "]";
            if (!value.get(i).isObject()) {
                throw source.origin(at).bad(Show.node(value.get(i)), "a table, written [[" + key + "]]");
            }
            out.add(new TomlTable(source, at, (ObjectNode) value.get(i)));
        }
        return out;
    }

    private Text text(JsonNode value, String at, String expected) throws ConfigException {
        if (!value.isTextual()) {
            throw source.origin(at).bad(Show.node(value), "a quoted string, " + expected);
        }
        return new Text(value.textValue(), source.origin(at));
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
