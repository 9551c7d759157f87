package io.p2proxy.natlab;

/** A lab command failed, or the lab could not be built or torn down. The message says which command and its stderr. */
public final class LabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
