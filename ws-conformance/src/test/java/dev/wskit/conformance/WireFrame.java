package dev.wskit.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A frame read off the wire by the raw peer, with the exact bytes it came in, so a case can
 * compare both the meaning and the encoding. Reading is strict and independent of the engine:
 * this is the judge, not the defendant.
 */
final class WireFrame {
    final int opcode;
    final boolean fin;
    final int rsvBits;
    final boolean masked;
    final byte[] payload;
    final byte[] raw;
    /** Whether the length used its minimal encoding (RFC 6455 §5.2). */
    final boolean minimalLength;

    private WireFrame(int opcode, boolean fin, int rsvBits, boolean masked, byte[] payload, byte[] raw, boolean minimalLength) {
        this.opcode = opcode;
        this.fin = fin;
        this.rsvBits = rsvBits;
        this.masked = masked;
        this.payload = payload;
        this.raw = raw;
        this.minimalLength = minimalLength;
    }

    /**
     * The next frame, unmasked when it was masked; {@code null} when the stream ended or stalled
     * first, the partial bytes then in {@code partial}.
     */
    static WireFrame read(RawConnection in, long timeoutMillis, ByteArrayOutputStream partial) throws InterruptedException {
        ByteArrayOutputStream raw = partial;
        byte[] head = take(in, 2, timeoutMillis, raw);
        if (head == null) {
            return null;
        }
        boolean masked = (head[1] & 0x80) != 0;
        long length = head[1] & 0x7f;
        boolean minimal = true;
        if (length == 126) {
            byte[] ext = take(in, 2, timeoutMillis, raw);
            if (ext == null) {
                return null;
            }
            length = ((ext[0] & 0xff) << 8) | (ext[1] & 0xff);
            minimal = length > 125;
        } else if (length == 127) {
            byte[] ext = take(in, 8, timeoutMillis, raw);
            if (ext == null) {
                return null;
            }
            length = ByteBuffer.wrap(ext).getLong();
            minimal = length > 0xffff;
            if (length < 0 || length > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("frame length " + length + " is beyond what the judge reads");
            }
        }
        byte[] key = masked ? take(in, 4, timeoutMillis, raw) : null;
        if (masked && key == null) {
            return null;
        }
        byte[] payload = take(in, (int) length, timeoutMillis, raw);
        if (payload == null) {
            return null;
        }
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new WireFrame(head[0] & 0x0f, (head[0] & 0x80) != 0, head[0] & 0x70, masked, payload, raw.toByteArray(), minimal);
    }

    private static byte[] take(RawConnection in, int n, long timeoutMillis, ByteArrayOutputStream raw) throws InterruptedException {
        byte[] bytes = in.take(n, timeoutMillis);
        raw.writeBytes(bytes);
        return bytes.length == n ? bytes : null;
    }

    /** The close code, or -1 for an empty close payload. */
    int closeCode() {
        return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }

    /** Whether the close reason (payload after the code) is valid UTF-8 (RFC 6455 §5.5.1). */
    boolean closeReasonIsUtf8() {
        return payload.length < 2 || isUtf8(payload, 2, payload.length - 2);
    }

    static boolean isUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (masked ? "masked " : "") + describe(opcode, fin, rsvBits, payload);
    }

    /** A frame as the report shows it: kind, flags, length, and the start of the payload. */
    static String describe(int opcode, boolean fin, int rsvBits, byte[] payload) {
        StringBuilder s = new StringBuilder(opcodeName(opcode));
        if (!fin) {
            s.append(" (not final)");
        }
        if (rsvBits != 0) {
            s.append(" rsv=").append(rsvBits >> 4);
        }
        if (opcode == Frame.CLOSE && payload.length >= 2) {
            s.append(' ').append(((payload[0] & 0xff) << 8) | (payload[1] & 0xff));
            if (payload.length > 2) {
                s.append(" \"").append(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)).append('"');
            }
            return s.toString();
        }
        s.append(" len=").append(payload.length);
        if (payload.length > 0) {
            s.append(' ').append(preview(payload));
        }
        return s.toString();
    }

    static String opcodeName(int opcode) {
        switch (opcode) {
            case Frame.CONTINUATION: return "continuation";
            case Frame.TEXT: return "text";
            case Frame.BINARY: return "binary";
            case Frame.CLOSE: return "close";
            case Frame.PING: return "ping";
            case Frame.PONG: return "pong";
            default: return "opcode " + opcode;
        }
    }

    static String preview(byte[] bytes) {
        int n = Math.min(bytes.length, 16);
        return HexFormat.of().formatHex(bytes, 0, n) + (bytes.length > n ? "…" : "");
    }
}
