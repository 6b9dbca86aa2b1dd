package dev.wskit.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Payloads as Autobahn uses them: {@code *} for text, {@code 0xfe} for binary, and compressible prose. */
final class Payloads {
    private static final String[] WORDS = {
        "frame", "mask", "opcode", "payload", "close", "ping", "pong", "text", "binary", "deflate",
        "fragment", "continuation", "handshake", "upgrade", "κόσμε", "wörld", "€", "𝄞", "\n",
    };

    private Payloads() {
    }

    static byte[] text(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) '*');
        return b;
    }

    static byte[] binary(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0xfe);
        return b;
    }

    /** Valid UTF-8 of exactly {@code length} bytes made of words, so it compresses like real text. */
    static byte[] prose(int length, long seed) {
        Random random = new Random(seed);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length + 16);
        while (out.size() < length) {
            byte[] word = (WORDS[random.nextInt(WORDS.length)] + ' ').getBytes(StandardCharsets.UTF_8);
            if (out.size() + word.length > length) {
                // Pad with ASCII to the exact size, so no character is cut.
                while (out.size() < length) {
                    out.write('.');
                }
            } else {
                out.writeBytes(word);
            }
        }
        return out.toByteArray();
    }

    /** Pseudo-random bytes: binary that does not compress. */
    /** {@code half} bytes of noise, then the same again: one repeat, exactly {@code half} bytes back. */
    static byte[] repeatedNoise(int half) {
        byte[] twice = Arrays.copyOf(noise(half, half), 2 * half);
        System.arraycopy(twice, 0, twice, half, half);
        return twice;
    }

    static byte[] noise(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
