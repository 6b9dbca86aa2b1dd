package dev.wskit.transport.blocking;

import java.util.Random;

/** Message bodies of exact sizes, the same bytes on every run. */
final class Payloads {
    /** Each RFC 6455 §5.2 payload length encoding: 7-bit (0, 125), 16-bit (126), 64-bit (64 KiB, 4 MiB). */
    static final int[] SIZES = {0, 125, 126, 64 * 1024, 4 * 1024 * 1024};

    private Payloads() {
    }

    static byte[] binary(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** ASCII and multi-byte characters mixed, exactly {@code size} UTF-8 bytes long. */
    static String text(int size) {
        StringBuilder s = new StringBuilder(size);
        String pattern = "héllo wörld ";
        int bytes = 0;
        int i = 0;
        while (bytes < size) {
            char c = pattern.charAt(i++ % pattern.length());
            int width = c < 0x80 ? 1 : 2;
            if (bytes + width > size) {
                c = 'x';
                width = 1;
            }
            s.append(c);
            bytes += width;
        }
        return s.toString();
    }
}
