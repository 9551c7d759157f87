package io.p2proxy.config.internal;

import java.nio.file.Path;

/**
 * What a config depends on outside the file and the flags, passed in so that tests can choose.
 *
 * @param workingDirectory relative paths in flags resolve against it
 * @param configHome       {@code $XDG_CONFIG_HOME}, or {@code ~/.config} when unset, empty or relative
 */
public record Env(Path workingDirectory, Path configHome) {

    public static Env system() {
        Path cwd = Path.of("").toAbsolutePath();
        String xdg = System.getenv("XDG_CONFIG_HOME");
        // XDG Base Directory spec: a relative value is invalid and must be ignored.
        Path home = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return new Env(cwd, home);
    }

    /** {@code CONFIG_HOME/p2proxy/NAME.key}: where a peer keeps its identity unless told. */
    public Path defaultKey(String name) {
        return configHome.resolve("p2proxy").resolve(name + ".key");
    }
}
