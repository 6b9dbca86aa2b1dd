package dev.wskit.transport.netty;

import java.util.Random;

/** Test payloads of exact byte lengths, at the RFC 6455 §5.2 length-encoding boundaries. */
final class Payloads {
    /** 0 and 125 (7-bit length), 126 (16-bit), 64 KiB (just past 16 bits) and a message far past one read. */
    static final int[] SIZES = {0, 125, 126, 64 * 1024, 4 * 1024 * 1024};

    private Payloads() {
    }

    static byte[] binary(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** ASCII text of {@code length} bytes. */
    static String text(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
