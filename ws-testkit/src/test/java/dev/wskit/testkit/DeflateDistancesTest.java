package dev.wskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The checker of agreed windows, on streams the JDK's zlib wrote as permessage-deflate would. */
class DeflateDistancesTest {
    /** 4 KiB of noise, then the same 4 KiB again: the only repeat is exactly 4096 bytes back. */
    private static byte[] repeatAt4096() {
        byte[] half = new byte[4096];
        new Random(7).nextBytes(half);
        byte[] twice = Arrays.copyOf(half, 8192);
        System.arraycopy(half, 0, twice, 4096, 4096);
        return twice;
    }

    /** Raw DEFLATE, sync-flushed, without the {@code 00 00 ff ff} tail (RFC 7692 §7.2.1). */
    private static byte[] message(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        byte[] out = new byte[input.length * 2 + 64];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(out, length - 4);
    }

    private static Deflater deflater(int level, int strategy) {
        Deflater deflater = new Deflater(level, true);
        deflater.setStrategy(strategy);
        // A strategy takes effect at the next deflate call, which then compresses nothing.
        deflater.deflate(new byte[0], 0, 0, Deflater.NO_FLUSH);
        return deflater;
    }

    @Test
    void findsTheDistanceOfARepeatInADynamicBlock() {
        Deflater zlib = deflater(6, Deflater.DEFAULT_STRATEGY);
        assertThat(DeflateDistances.farthest(List.of(message(zlib, repeatAt4096())))).isEqualTo(4096);
        zlib.end();
    }

    @Test
    void findsShortDistancesInAFixedBlock() {
        Deflater zlib = deflater(6, Deflater.DEFAULT_STRATEGY);
        // Short input: zlib picks the fixed codes (RFC 1951 §3.2.6); "abcabcabc" repeats 3 back.
        assertThat(DeflateDistances.farthest(List.of(message(zlib, "abcabcabcabc".getBytes(StandardCharsets.US_ASCII)))))
                .isEqualTo(3);
        zlib.end();
    }

    @Test
    void followsTheWindowAcrossMessagesWithContextTakeover() {
        Deflater zlib = deflater(6, Deflater.DEFAULT_STRATEGY);
        byte[] line = Compressible.text(100).getBytes(StandardCharsets.US_ASCII);
        byte[] first = message(zlib, line);
        byte[] second = message(zlib, line);
        // The second message is one back-reference into the first.
        assertThat(second.length).isLessThan(10);
        assertThat(DeflateDistances.farthest(List.of(first, second))).isEqualTo(100);
        zlib.end();
    }

    @Test
    void huffmanOnlyAndStoredBlocksReachNoDistanceAtAll() {
        Deflater huffman = deflater(6, Deflater.HUFFMAN_ONLY);
        Deflater stored = deflater(Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        assertThat(DeflateDistances.farthest(List.of(message(huffman, repeatAt4096())))).isZero();
        assertThat(DeflateDistances.farthest(List.of(message(stored, repeatAt4096())))).isZero();
        huffman.end();
        stored.end();
    }

    @Test
    void refusesBytesThatAreNotDeflate() {
        assertThatThrownBy(() -> DeflateDistances.farthest(List.of(new byte[] {(byte) 0xff, (byte) 0xff})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
