package io.p2proxy.common;

import java.nio.file.Path;

/** A key file that cannot be used: missing, unreadable, malformed or readable by others. */
public final class IdentityException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public IdentityException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public IdentityException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
