package dev.wskit.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The case DSL's frame: every header field set by hand, so a case can build frames no correct
 * endpoint would send (RFC 6455 §5.2). Immutable; {@link #masked()} gives the bytes a client
 * sends, {@link #unmasked()} the bytes a server sends.
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |                               |
 * | |1|2|3|       |K|             |                               |
 * </pre>
 */
final class Frame {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int RSV1 = 0x40;
    static final int RSV2 = 0x20;
    static final int RSV3 = 0x10;

    private static final byte[] MASKING_KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

    final int opcode;
    final boolean fin;
    final int rsvBits;
    final byte[] payload;

    private Frame(int opcode, boolean fin, int rsvBits, byte[] payload) {
        this.opcode = opcode;
        this.fin = fin;
        this.rsvBits = rsvBits;
        this.payload = payload;
    }

    static Frame of(int opcode, byte[] payload) {
        return new Frame(opcode, true, 0, payload);
    }

    static Frame text(String text) {
        return of(TEXT, utf8(text));
    }

    static Frame text(byte[] utf8) {
        return of(TEXT, utf8);
    }

    static Frame binary(byte[] data) {
        return of(BINARY, data);
    }

    static Frame continuation(byte[] data) {
        return of(CONTINUATION, data);
    }

    static Frame continuation(String text) {
        return of(CONTINUATION, utf8(text));
    }

    static Frame ping(byte[] data) {
        return of(PING, data);
    }

    static Frame ping(String data) {
        return of(PING, utf8(data));
    }

    static Frame pong(byte[] data) {
        return of(PONG, data);
    }

    /** A close frame with a status code and a reason (RFC 6455 §5.5.1). */
    static Frame close(int code, String reason) {
        return close(code, utf8(reason));
    }

    static Frame close(int code, byte[] reason) {
        return of(CLOSE, ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array());
    }

    static Frame close(int code) {
        return close(code, new byte[0]);
    }

    Frame fin(boolean fin) {
        return new Frame(opcode, fin, rsvBits, payload);
    }

    Frame notFinal() {
        return fin(false);
    }

    Frame rsv(int rsvBits) {
        return new Frame(opcode, fin, rsvBits, payload);
    }

    /** The frame as a client sends it: mask bit set, payload masked (RFC 6455 §5.3). */
    byte[] masked() {
        return encode(true);
    }

    /** The frame as a server sends it: no mask. */
    byte[] unmasked() {
        return encode(false);
    }

    /** The header alone (with the masking key when masked): the bytes before the payload. */
    byte[] maskedHeader() {
        byte[] all = masked();
        return Arrays.copyOf(all, all.length - payload.length);
    }

    private byte[] encode(boolean mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | rsvBits | opcode);
        int maskBit = mask ? 0x80 : 0;
        // RFC 6455 §5.2: the minimal length encoding.
        if (payload.length <= 125) {
            out.write(maskBit | payload.length);
        } else if (payload.length <= 0xffff) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(maskBit | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (!mask) {
            out.writeBytes(payload);
            return out.toByteArray();
        }
        out.writeBytes(MASKING_KEY);
        byte[] masked = payload.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= MASKING_KEY[i & 3];
        }
        out.writeBytes(masked);
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenates byte arrays: several frames written at once. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return WireFrame.describe(opcode, fin, rsvBits, payload);
    }
}
