package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Real HTTP answers with a short plain-text reason; every refusal closes the connection. */
public final class HttpReplies implements Replies {

    /** For CONNECT: 200 once the stream opened, then the tunnel. */
    public static final HttpReplies CONNECT = new HttpReplies(true);
    /** For forwarded requests: the target answers, nothing from us. */
    public static final HttpReplies FORWARD = new HttpReplies(false);

    private final boolean connect;

    private HttpReplies(boolean connect) {
        this.connect = connect;
    }

    @Override
    public ByteBuf opened(ByteBufAllocator alloc) {
        if (!connect) {
            return null;
        }
        return alloc.buffer().writeBytes("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public ByteBuf refused(Refusal refusal, String reason, ByteBufAllocator alloc) {
        return answer(alloc, refusal.httpStatus(), refusal.httpPhrase(), reason);
    }

    public static ByteBuf answer(ByteBufAllocator alloc, int status, String phrase, String reason) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + phrase + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        return alloc.buffer().writeBytes(head.getBytes(StandardCharsets.US_ASCII)).writeBytes(body);
    }
}
