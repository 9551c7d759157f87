package io.p2proxy.cli;

/** Ends a command with an exit status and one line for the user, without a stack trace. */
final class ExitException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    ExitException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
