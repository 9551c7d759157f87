package io.p2proxy.rtsp.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits one direction of an RTSP connection, fed in arbitrary pieces, into messages and
 * interleaved binary data (RFC 2326 section 10.12: {@code '$'}, channel, 16-bit length, data).
 * Interleaved frames are never copied or held: their bytes leave as retained slices of the input,
 * a run of consecutive frames as one slice. Only a message head (at most {@link #MAX_HEAD} bytes) and
 * body (at most {@link #MAX_BODY}) are gathered, so memory per direction is bounded.
 *
 * <p>Not thread-safe; owned by the connection's event loop.
 */
public final class RtspSplitter {

    public static final int MAX_HEAD = 16 * 1024;
    public static final int MAX_BODY = 64 * 1024;

    /** Receives what {@link #feed} finds, in order. */
    public interface Sink {
        void message(RtspMessage message);

        /** Interleaved bytes (or line breaks between messages), to pass on untouched; the sink owns it. */
        void raw(ByteBuf slice);
    }

    private enum State { START, FRAME_HEADER, FRAME, HEAD, BODY }

    private State state = State.START;
    private int frameHeaderSeen;
    private int remaining;
    private byte[] head = new byte[256];
    private int headLength;
    private RtspHeadParser.ParsedHead parsed;
    private byte[] body;
    private int bodyLength;

    /** True between units: nothing of a message or frame is pending. */
    public boolean atBoundary() {
        return state == State.START;
    }

    /**
     * Consumes {@code in} (not released), calling {@code sink} for each unit. With {@code yieldAtBoundary}
     * it returns at the first boundary reached after consuming something, so that a caller can put a
     * message of its own between two units; call again while {@code in} is readable.
     */
    public void feed(ByteBuf in, Sink sink, boolean yieldAtBoundary) throws RtspParseException {
        int rawStart = -1;
        while (in.isReadable()) {
            switch (state) {
                case START -> {
                    byte b = in.getByte(in.readerIndex());
                    if (b == '$' || b == '\r' || b == '\n') {
                        rawStart = rawStart < 0 ? in.readerIndex() : rawStart;
                        in.skipBytes(1);
                        if (b == '$') {
                            state = State.FRAME_HEADER;
                            frameHeaderSeen = 0;
                            remaining = 0;
                        }
                    } else {
                        rawStart = flush(in, rawStart, sink);
                        state = State.HEAD;
                        headLength = 0;
                    }
                }
                case FRAME_HEADER -> {
                    rawStart = rawStart < 0 ? in.readerIndex() : rawStart;
                    int b = in.readUnsignedByte();
                    if (frameHeaderSeen++ > 0) {
                        remaining = remaining << 8 | b; // the first byte is the channel
                    }
                    if (frameHeaderSeen == 3) {
                        state = remaining == 0 ? State.START : State.FRAME;
                    }
                }
                case FRAME -> {
                    rawStart = rawStart < 0 ? in.readerIndex() : rawStart;
                    int n = Math.min(remaining, in.readableBytes());
                    in.skipBytes(n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.START;
                    }
                }
                case HEAD -> readHead(in, sink);
                case BODY -> readBody(in, sink);
            }
            if (yieldAtBoundary && state == State.START) {
                break;
            }
        }
        flush(in, rawStart, sink);
    }

    private static int flush(ByteBuf in, int rawStart, Sink sink) {
        if (rawStart >= 0 && in.readerIndex() > rawStart) {
            sink.raw(in.retainedSlice(rawStart, in.readerIndex() - rawStart));
        }
        return -1;
    }

    private void readHead(ByteBuf in, Sink sink) throws RtspParseException {
        while (in.isReadable()) {
            if (headLength == MAX_HEAD) {
                throw new RtspParseException("message head longer than " + MAX_HEAD + " bytes");
            }
            if (headLength == head.length) {
                head = Arrays.copyOf(head, Math.min(MAX_HEAD, head.length * 2));
            }
            byte b = in.readByte();
            head[headLength++] = b;
            if (b == '\n' && endsHead()) {
                headComplete(sink);
                return;
            }
        }
    }

    /** The head ends at an empty line: CRLF CRLF, or bare LFs (RFC 2326 section 15.1 accepts both). */
    private boolean endsHead() {
        int n = headLength;
        return n >= 2 && head[n - 2] == '\n' || n >= 3 && head[n - 2] == '\r' && head[n - 3] == '\n';
    }

    private void headComplete(Sink sink) throws RtspParseException {
        int end = headLength;
        while (end > 0 && (head[end - 1] == '\n' || head[end - 1] == '\r')) {
            end--;
        }
        parsed = RtspHeadParser.parse(new String(head, 0, end, StandardCharsets.ISO_8859_1));
        if (head.length > 4096) {
            head = new byte[256]; // a rare large head does not pin its buffer for the connection's life
        }
        if (parsed.contentLength() > MAX_BODY) {
            throw new RtspParseException("body of " + parsed.contentLength() + " bytes (expected: at most " + MAX_BODY + ")");
        }
        body = new byte[parsed.contentLength()];
        bodyLength = 0;
        if (body.length == 0) {
            emit(sink);
        } else {
            state = State.BODY;
        }
    }

    private void readBody(ByteBuf in, Sink sink) {
        int n = Math.min(body.length - bodyLength, in.readableBytes());
        in.readBytes(body, bodyLength, n);
        bodyLength += n;
        if (bodyLength == body.length) {
            emit(sink);
        }
    }

    private void emit(Sink sink) {
        RtspMessage m = new RtspMessage(parsed.startLine(), parsed.headers(), body);
        parsed = null;
        body = null;
        state = State.START;
        sink.message(m);
    }
}
