package dev.wskit.transport.vertx;

import java.util.Random;

/** Deterministic test payloads. */
final class Payloads {
    static final int MIB = 1024 * 1024;

    private Payloads() {
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** ASCII and multi-byte characters, exactly {@code size} UTF-8 bytes. */
    static String text(int size) {
        StringBuilder b = new StringBuilder(size);
        int used = 0;
        while (used < size) {
            if (size - used >= 2 && used % 7 == 0) {
                b.append('é');
                used += 2;
            } else {
                b.append((char) ('a' + used % 26));
                used++;
            }
        }
        return b.toString();
    }
}
