package dev.wskit.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made frames for tests, built byte by byte so a test can write what an encoder never
 * would (bad lengths, reserved bits, missing masks).
 */
public final class Wire {
    /** The masking key tests use for client frames. */
    public static final int KEY = 0x37fa213d;

    private Wire() {
    }

    /** A masked frame as a client sends it: {@code b0} is FIN|RSV|opcode. */
    public static byte[] masked(int b0, byte[] payload) {
        return frame(b0, true, payload);
    }

    public static byte[] masked(int b0, String utf8) {
        return masked(b0, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** An unmasked frame as a server sends it. */
    public static byte[] unmasked(int b0, byte[] payload) {
        return frame(b0, false, payload);
    }

    public static byte[] unmasked(int b0, String utf8) {
        return unmasked(b0, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** A close payload: the code in two bytes, then the reason. */
    public static byte[] closePayload(int code, byte[] reason) {
        byte[] out = new byte[2 + reason.length];
        out[0] = (byte) (code >> 8);
        out[1] = (byte) code;
        System.arraycopy(reason, 0, out, 2, reason.length);
        return out;
    }

    public static byte[] closePayload(int code, String reason) {
        return closePayload(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int b0, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int maskBit = masked ? 0x80 : 0;
        int length = payload.length;
        if (length <= 125) {
            out.write(maskBit | length);
        } else if (length <= 0xffff) {
            out.write(maskBit | 126);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(KEY >>> shift);
            }
        }
        for (int i = 0; i < length; i++) {
            int keyByte = masked ? (KEY >>> (24 - 8 * (i & 3))) & 0xff : 0;
            out.write(payload[i] ^ keyByte);
        }
        return out.toByteArray();
    }
}
