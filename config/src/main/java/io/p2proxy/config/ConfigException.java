package io.p2proxy.config;

/**
 * A configuration that cannot be used. The message is the one line a user sees: the file (or the
 * flag), the key, the line where known, and what was expected, e.g.
 * {@code peer.toml:7: linger: '30 sec' (expected: a duration like 500ms, 30s, 5m, 1h or 1m30s)}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
