package io.p2proxy.proxy.internal;

/** A request head the proxy answers itself: {@link #status()} 400, 414 or 431, with a short reason. */
public final class HttpHeadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpHeadException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String phrase() {
        return switch (status) {
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            default -> "Bad Request";
        };
    }
}
