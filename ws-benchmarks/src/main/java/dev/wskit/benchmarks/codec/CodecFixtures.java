package dev.wskit.benchmarks.codec;

import dev.wskit.protocol.Role;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The inputs every codec benchmark shares, the same bytes on each run so results compare
 * across runs and machines.
 */
public final class CodecFixtures {
    /**
     * Frames fed per decode invocation: enough that per-call costs (a {@code receive}, a Netty
     * {@code fireChannelRead}) are spread as they are on a busy connection, few enough that
     * 16 × 64 KiB still fits a desktop L2/L3 cache.
     */
    public static final int FRAMES_PER_OP = 16;

    /** RFC 6455 §1.3: the sample opening request, which opens a wskit server engine. */
    public static final String OPENING_REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    /**
     * Chat-like text, mostly ASCII with 2-, 3- and 4-byte characters every few bytes: neither the
     * best case of an ASCII fast path nor its worst.
     */
    private static final String TEXT_PATTERN = "{\"from\":\"zoë\",\"text\":\"Grüße aus Köln — 東京 ✓ 🚀\"} ";

    /** Seed of the client's masking keys, so the wire bytes are the same on every run. */
    private static final long MASKING_SEED = 6455;

    private CodecFixtures() {
    }

    /** The kind of data frame, and so whether the receiver validates UTF-8 (RFC 6455 §8.1). */
    public enum PayloadType {
        TEXT(Opcode.TEXT), BINARY(Opcode.BINARY);

        private final int opcode;

        PayloadType(int opcode) {
            this.opcode = opcode;
        }

        public int opcode() {
            return opcode;
        }
    }

    /** A payload of exactly {@code size} bytes; for text, valid UTF-8 cut only between characters. */
    public static byte[] payload(PayloadType type, int size) {
        return type == PayloadType.TEXT ? text(size) : binary(size);
    }

    private static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] text(int size) {
        byte[] pattern = TEXT_PATTERN.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[size];
        int at = 0;
        for (int i = 0; at < size; i = (i + 1) % pattern.length) {
            int length = sequenceLength(pattern[i]);
            if (at + length > size) {
                // A character would straddle the end: pad with ASCII so the text stays valid.
                Arrays.fill(bytes, at, size, (byte) ' ');
                break;
            }
            if (length > 0) {
                System.arraycopy(pattern, i, bytes, at, length);
                at += length;
            }
        }
        return bytes;
    }

    /** Bytes of the UTF-8 sequence led by {@code b}, or 0 for a continuation byte. */
    private static int sequenceLength(byte b) {
        int lead = b & 0xFF;
        if (lead < 0x80) {
            return 1;
        }
        if (lead < 0xC0) {
            return 0;
        }
        return lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }

    /**
     * {@code count} single-frame messages carrying {@code payload}, as a client sends them: each
     * masked with its own key (RFC 6455 §5.3), back to back in one array.
     */
    public static byte[] maskedClientFrames(PayloadType type, byte[] payload, int count) {
        FrameEncoder client = new FrameEncoder(Role.CLIENT, new Random(MASKING_SEED));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            ByteBuffer frame = client.encode(true, 0, type.opcode(), ByteBuffer.wrap(payload));
            out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        }
        return out.toByteArray();
    }
}
