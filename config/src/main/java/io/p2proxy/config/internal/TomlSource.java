package io.p2proxy.config.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import io.p2proxy.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A parsed config file: its name as the user gave it, its directory, the tree and the key lines. */
public final class TomlSource {

    /** Config files are a few hundred bytes; anything this big is a mistake (or an attack). */
    static final int MAX_BYTES = 1 << 20;

    private static final TomlMapper MAPPER = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private final String name;
    private final Path directory;
    private final LineIndex lines;
    private final TomlTable root;

    private TomlSource(String name, Path directory, String text, ObjectNode tree) {
        this.name = name;
        this.directory = directory;
        this.lines = LineIndex.of(text);
        this.root = new TomlTable(this, "", tree);
    }

    /** Reads and parses {@code file}; every failure is a one-line {@link ConfigException}. */
    public static TomlSource read(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(name + ": " + Files.size(file) + " bytes (expected: a config file of at most 1 MiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": no such file (expected: a readable TOML config file)", e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + Show.clean(String.valueOf(e.getMessage()))
                    + " (expected: a readable TOML config file)", e);
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parse(name, parent == null ? Path.of("/") : parent, bytes);
    }

    /** Parses {@code bytes} (UTF-8) as the file {@code name} in {@code directory}. */
    public static TomlSource parse(String name, Path directory, byte[] bytes) throws ConfigException {
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(name + ": " + bytes.length + " bytes (expected: a config file of at most 1 MiB)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(name + ": not UTF-8 text (expected: a TOML file in UTF-8)", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw syntaxError(name, e);
        } catch (IOException | RuntimeException e) {
            // The parser's own failures on odd input: still a syntax error to the user.
            throw new ConfigException(name + ": " + Show.clean(String.valueOf(e.getMessage()))
                    + " (expected: valid TOML)", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = MAPPER.createObjectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException(name + ": not a TOML table (expected: key = value lines)");
        }
        return new TomlSource(name, directory, text, (ObjectNode) tree);
    }

    private static ConfigException syntaxError(String name, JacksonException e) {
        JsonLocation location = e.getLocation();
        String what = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        int newline = what.indexOf('\n');
        if (newline >= 0) {
            what = what.substring(0, newline);
        }
        int line = location == null ? 0 : location.getLineNr();
        if (what.startsWith("Duplicate key") && location.getColumnNr() == 1 && line > 1) {
            // The parser notices a duplicate once the pair's line has ended: the key is one line up.
            line--;
        }
        String where = line > 0 ? name + ":" + line : name;
        return new ConfigException(where + ": " + Show.clean(what) + " (expected: valid TOML, see https://toml.io)", e);
    }

    public String name() {
        return name;
    }

    /** The file's directory: relative paths in the file are relative to it. */
    public Path directory() {
        return directory;
    }

    public TomlTable root() {
        return root;
    }

    Origin origin(String path) {
        return new Origin(name, lines.line(path), path);
    }
}
