package dev.wskit.testkit.kit;

import dev.wskit.protocol.WebSocketConfig;
import java.util.Random;

/** Message bodies of exact sizes, the same bytes on every run. */
public final class Payloads {
    public static final int MIB = 1024 * 1024;

    /**
     * Every size where RFC 6455 §5.2's length encoding changes, on both sides of each edge: 7-bit
     * (0, 1, 125), 16-bit (126, 127, 65535), 64-bit (65536, 65537), and a message far past one read
     * (4 MiB).
     */
    public static final int[] SIZES = {0, 1, 125, 126, 127, 65_535, 65_536, 65_537, 4 * MIB};

    /**
     * Limits for an endpoint that receives and echoes the largest of {@link #SIZES}, set as an
     * application that expects messages this large sets them: the defaults refuse anything
     * above 1 MiB, and hold at most 4 MiB for a peer.
     */
    public static final WebSocketConfig LARGE_MESSAGES = WebSocketConfig.builder()
            .maxFramePayload(8 * MIB)
            .maxMessageSize(8 * MIB)
            .maxOutboundBytes(16L * MIB)
            .build();

    private Payloads() {
    }

    /** {@code size} random bytes, seeded by the size. */
    public static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** {@code size} bytes (at least 4) starting with {@code number}, for checking order. */
    public static java.nio.ByteBuffer numbered(int number, int size) {
        return java.nio.ByteBuffer.allocate(size).putInt(0, number);
    }

    /** ASCII and two-byte characters mixed, exactly {@code size} UTF-8 bytes long. */
    public static String text(int size) {
        String pattern = "héllo wörld ";
        StringBuilder text = new StringBuilder(size);
        int bytes = 0;
        for (int i = 0; bytes < size; i++) {
            char c = pattern.charAt(i % pattern.length());
            if (c >= 0x80 && bytes + 2 > size) {
                c = 'x';
            }
            text.append(c);
            bytes += c < 0x80 ? 1 : 2;
        }
        return text.toString();
    }
}
