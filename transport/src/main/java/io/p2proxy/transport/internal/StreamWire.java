package io.p2proxy.transport.internal;

import io.netty.buffer.ByteBuf;
import io.p2proxy.common.PeerName;
import io.p2proxy.transport.OpenError;
import io.p2proxy.transport.OpenMetadata;
import java.nio.charset.StandardCharsets;

/**
 * The stream protocol's control frames. All integers big-endian.
 *
 * <pre>
 * OPEN   = version:u8 (1) | type:u8 ('O') | bodyLength:u16 (at most 512) | body
 * body   = resourceLength:u8 | resource (PeerName rules) | fieldCount:u8 (at most 8) | field*
 * field  = key:u8 | length:u8 | printable ASCII   (1 = client address, 2 = listener; others skipped)
 * ANSWER = version:u8 (1) | code:u8 (0 = OK, else {@link OpenError#wire()})
 * </pre>
 *
 * After OPEN and ANSWER each direction carries data chunks ({@link DataFrameDecoder}). Decoders are
 * pure functions over what has arrived so far: they return {@code null} for "need more bytes" and
 * never read past the frame, so a caller can keep data that was sent right behind it.
 */
public final class StreamWire {

    public static final int VERSION = 1;
    public static final int TYPE_OPEN = 'O';
    public static final int OPEN_HEADER = 4;
    public static final int MAX_OPEN_BODY = 512;
    public static final int MAX_FIELDS = 8;
    public static final int ANSWER_LENGTH = 2;
    public static final int OK = 0;
    private static final int KEY_CLIENT = 1;
    private static final int KEY_LISTENER = 2;

    private StreamWire() {
    }

    public static void encodeOpen(OpenFrame open, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte(VERSION).writeByte(TYPE_OPEN).writeShort(0);
        writeString(out, open.resource());
        OpenMetadata m = open.metadata();
        int fields = (m.client().isEmpty() ? 0 : 1) + (m.listener().isEmpty() ? 0 : 1);
        out.writeByte(fields);
        if (!m.client().isEmpty()) {
            out.writeByte(KEY_CLIENT);
            writeString(out, m.client());
        }
        if (!m.listener().isEmpty()) {
            out.writeByte(KEY_LISTENER);
            writeString(out, m.listener());
        }
        out.setShort(start + 2, out.writerIndex() - start - OPEN_HEADER);
    }

    private static void writeString(ByteBuf out, String s) {
        out.writeByte(s.length());
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }

    /**
     * Decodes an OPEN frame from {@code in}, consuming it only when complete.
     *
     * @return the frame, or {@code null} when more bytes are needed
     * @throws BadFrameException when the bytes can never become a valid frame
     */
    public static OpenFrame decodeOpen(ByteBuf in) throws BadFrameException {
        if (in.readableBytes() < OPEN_HEADER) {
            checkPrefix(in);
            return null;
        }
        int at = in.readerIndex();
        checkPrefix(in);
        int length = in.getUnsignedShort(at + 2);
        if (length > MAX_OPEN_BODY) {
            throw new BadFrameException("OPEN body of " + length + " bytes (expected: at most " + MAX_OPEN_BODY + ")");
        }
        if (in.readableBytes() < OPEN_HEADER + length) {
            return null;
        }
        ByteBuf body = in.slice(at + OPEN_HEADER, length);
        OpenFrame frame = decodeBody(body);
        in.skipBytes(OPEN_HEADER + length);
        return frame;
    }

    private static void checkPrefix(ByteBuf in) throws BadFrameException {
        int at = in.readerIndex();
        if (in.readableBytes() >= 1 && in.getUnsignedByte(at) != VERSION) {
            throw new BadFrameException("OPEN version " + in.getUnsignedByte(at) + " (expected: " + VERSION + ")");
        }
        if (in.readableBytes() >= 2 && in.getUnsignedByte(at + 1) != TYPE_OPEN) {
            throw new BadFrameException("frame type " + in.getUnsignedByte(at + 1) + " (expected: OPEN)");
        }
    }

    private static OpenFrame decodeBody(ByteBuf body) throws BadFrameException {
        String resource = readString(body, "resource");
        if (!PeerName.isValid(resource)) {
            throw new BadFrameException("resource name not valid (expected: " + PeerName.EXPECTED + ")");
        }
        int count = readByte(body, "field count");
        if (count > MAX_FIELDS) {
            throw new BadFrameException(count + " fields (expected: at most " + MAX_FIELDS + ")");
        }
        String client = "";
        String listener = "";
        for (int i = 0; i < count; i++) {
            int key = readByte(body, "field key");
            String value = readString(body, "field");
            if (key == KEY_CLIENT) {
                client = value;
            } else if (key == KEY_LISTENER) {
                listener = value;
            } // unknown keys are skipped: a newer opener may add fields
        }
        if (body.isReadable()) {
            throw new BadFrameException(body.readableBytes() + " bytes after the last field");
        }
        try {
            return new OpenFrame(resource, new OpenMetadata(client, listener));
        } catch (IllegalArgumentException e) {
            throw new BadFrameException("metadata: " + e.getMessage());
        }
    }

    private static int readByte(ByteBuf body, String what) throws BadFrameException {
        if (!body.isReadable()) {
            throw new BadFrameException("OPEN ends inside " + what);
        }
        return body.readUnsignedByte();
    }

    private static String readString(ByteBuf body, String what) throws BadFrameException {
        int length = readByte(body, what + " length");
        if (body.readableBytes() < length) {
            throw new BadFrameException("OPEN ends inside " + what);
        }
        for (int i = 0; i < length; i++) {
            int c = body.getUnsignedByte(body.readerIndex() + i);
            if (c < 0x21 || c > 0x7e) {
                throw new BadFrameException(what + " has a non-printable byte");
            }
        }
        return body.readCharSequence(length, StandardCharsets.US_ASCII).toString();
    }

    public static void encodeAnswer(int code, ByteBuf out) {
        out.writeByte(VERSION).writeByte(code);
    }

    /**
     * Decodes an ANSWER, consuming it only when complete.
     *
     * @return {@link #OK}, a known error's wire code, or -1 when more bytes are needed
     * @throws BadFrameException on an unknown version or code
     */
    public static int decodeAnswer(ByteBuf in) throws BadFrameException {
        if (in.readableBytes() >= 1 && in.getUnsignedByte(in.readerIndex()) != VERSION) {
            throw new BadFrameException("ANSWER version " + in.getUnsignedByte(in.readerIndex()) + " (expected: " + VERSION + ")");
        }
        if (in.readableBytes() < ANSWER_LENGTH) {
            return -1;
        }
        int code = in.getUnsignedByte(in.readerIndex() + 1);
        if (code != OK && OpenError.fromWire(code) == null) {
            throw new BadFrameException("ANSWER code " + code + " unknown");
        }
        in.skipBytes(ANSWER_LENGTH);
        return code;
    }
}
