package dev.wskit.testkit;

/**
 * Payloads that deflate well, as real traffic does (JSON, logs), unlike the random bytes of
 * {@link dev.wskit.testkit.kit.Payloads}: lines that repeat their words with a changing counter.
 */
public final class Compressible {
    private Compressible() {
    }

    /** ASCII text of exactly {@code size} bytes. */
    public static String text(int size) {
        StringBuilder text = new StringBuilder(size + 64);
        for (int line = 0; text.length() < size; line++) {
            text.append("{\"seq\":").append(line).append(",\"event\":\"price-update\",\"symbol\":\"WSK\"}\n");
        }
        text.setLength(size);
        return text.toString();
    }

    /** Bytes of exactly {@code size}, a short cycle with a slow drift. */
    public static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 61 + i / 4096);
        }
        return bytes;
    }
}
