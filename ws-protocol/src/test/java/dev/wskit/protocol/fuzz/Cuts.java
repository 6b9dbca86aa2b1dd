package dev.wskit.protocol.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The ways a fuzz target cuts one input into reads (docs/ARCHITECTURE.md, "Testing"): whole, byte by byte,
 * and at points the fuzzer chose through a seed. Each piece is a fresh copy, because a server
 * unmasks frames in the buffer it was given.
 */
final class Cuts {
    private Cuts() {
    }

    /** The three cuts of {@code bytes}: whole, byte by byte, then at the fuzzer's points. */
    static List<List<byte[]>> all(byte[] bytes, long seed) {
        return List.of(whole(bytes), byteByByte(bytes), chosenBy(seed, bytes));
    }

    static List<byte[]> whole(byte[] bytes) {
        return List.of(bytes.clone());
    }

    static List<byte[]> byteByByte(byte[] bytes) {
        List<byte[]> pieces = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            pieces.add(new byte[] {b});
        }
        return pieces;
    }

    /** Mostly short pieces, so that cuts fall inside headers, lengths, masking keys and characters. */
    static List<byte[]> chosenBy(long seed, byte[] bytes) {
        Random random = new Random(seed);
        List<byte[]> pieces = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int length = random.nextInt(8) == 0 ? 1 + random.nextInt(512) : 1 + random.nextInt(9);
            int end = Math.min(bytes.length, at + length);
            pieces.add(Arrays.copyOfRange(bytes, at, end));
            at = end;
        }
        return pieces;
    }
}
