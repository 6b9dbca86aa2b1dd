package dev.wskit.testkit;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * How far back the back-references of permessage-deflate messages reach: a DEFLATE decoder
 * (RFC 1951 §3.2) that follows the codes without keeping the bytes, to check the window an
 * endpoint agreed to (RFC 7692 §7.1.2) on what it actually sent. The JDK's {@code Inflater} takes
 * any window, so it cannot tell.
 */
public final class DeflateDistances {
    /** RFC 1951 §3.2.5: base lengths and extra bits of length codes 257..285. */
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    /** RFC 1951 §3.2.5: base distances and extra bits of distance codes 0..29. */
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};
    /** RFC 1951 §3.2.7: the order the code length code lengths come in. */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    /** RFC 7692 §7.2.2: the tail a sender removes from each message. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final byte[] in;
    private int bitPosition;
    private long produced;
    private int farthest;

    private DeflateDistances(byte[] in) {
        this.in = in;
    }

    /**
     * The farthest distance, in bytes, any back-reference of these compressed messages reaches:
     * their payloads in the order sent, each with the tail put back, read as the one stream they
     * are with context takeover (RFC 7692 §7.2.2). 0 when there is none.
     *
     * @throws IllegalArgumentException when the bytes are not DEFLATE data
     */
    public static int farthest(List<byte[]> compressedPayloads) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] payload : compressedPayloads) {
            stream.writeBytes(payload);
            stream.writeBytes(TAIL);
        }
        DeflateDistances decoder = new DeflateDistances(stream.toByteArray());
        decoder.blocks();
        return decoder.farthest;
    }

    private void blocks() {
        // A message's stream may end in a final block (RFC 7692 §7.2.3.4); the next one starts anew.
        while (bitPosition < in.length * 8L) {
            boolean last = bits(1) == 1;
            switch (bits(2)) {
                case 0 -> stored();
                case 1 -> codes(Huffman.FIXED_LITERALS, Huffman.FIXED_DISTANCES);
                case 2 -> dynamic();
                default -> throw new IllegalArgumentException("block type 3 at bit " + bitPosition);
            }
            if (last) {
                bitPosition = (bitPosition + 7) & ~7;
                produced = 0;
            }
        }
    }

    private void stored() {
        bitPosition = (bitPosition + 7) & ~7;
        int length = bits(16);
        if ((length ^ 0xffff) != bits(16)) {
            throw new IllegalArgumentException("a stored block's length does not match its complement");
        }
        bitPosition += length * 8;
        if (bitPosition > in.length * 8) {
            throw new IllegalArgumentException("a stored block runs past the end");
        }
        produced += length;
    }

    private void dynamic() {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int[] codeLengthLengths = new int[19];
        for (int i = 0, n = bits(4) + 4; i < n; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Huffman codeLengths = new Huffman(codeLengthLengths);
        int[] lengths = new int[literalCount + distanceCount];
        for (int i = 0; i < lengths.length; ) {
            int symbol = codeLengths.decode(this);
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int repeated = 0;
            int times;
            if (symbol == 16) {
                if (i == 0) {
                    throw new IllegalArgumentException("a repeat with no length before it");
                }
                repeated = lengths[i - 1];
                times = 3 + bits(2);
            } else {
                times = symbol == 17 ? 3 + bits(3) : 11 + bits(7);
            }
            if (i + times > lengths.length) {
                throw new IllegalArgumentException("code lengths run past their count");
            }
            for (int k = 0; k < times; k++) {
                lengths[i++] = repeated;
            }
        }
        int[] literalLengths = new int[literalCount];
        int[] distanceLengths = new int[distanceCount];
        System.arraycopy(lengths, 0, literalLengths, 0, literalCount);
        System.arraycopy(lengths, literalCount, distanceLengths, 0, distanceCount);
        codes(new Huffman(literalLengths), new Huffman(distanceLengths));
    }

    private void codes(Huffman literals, Huffman distances) {
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                produced++;
            } else if (symbol == 256) {
                return;
            } else {
                int code = symbol - 257;
                if (code >= LENGTH_BASE.length) {
                    throw new IllegalArgumentException("length code " + symbol);
                }
                int length = LENGTH_BASE[code] + bits(LENGTH_EXTRA[code]);
                int distanceCode = distances.decode(this);
                if (distanceCode >= DISTANCE_BASE.length) {
                    throw new IllegalArgumentException("distance code " + distanceCode);
                }
                int distance = DISTANCE_BASE[distanceCode] + bits(DISTANCE_EXTRA[distanceCode]);
                if (distance > produced) {
                    throw new IllegalArgumentException("distance " + distance + " before the start of the stream");
                }
                farthest = Math.max(farthest, distance);
                produced += length;
            }
        }
    }

    /** The next {@code count} bits, least significant first (RFC 1951 §3.1.1). */
    private int bits(int count) {
        int value = 0;
        for (int i = 0; i < count; i++, bitPosition++) {
            if (bitPosition >= in.length * 8) {
                throw new IllegalArgumentException("the data ends inside a block");
            }
            value |= ((in[bitPosition >>> 3] >>> (bitPosition & 7)) & 1) << i;
        }
        return value;
    }

    /** A canonical Huffman code (RFC 1951 §3.2.2), decoded a bit at a time. */
    private static final class Huffman {
        static final Huffman FIXED_LITERALS = new Huffman(fixedLiteralLengths());
        static final Huffman FIXED_DISTANCES = new Huffman(filled(30, 5));

        private final int[] countOfLength = new int[16];
        private final int[] symbols;

        Huffman(int[] lengths) {
            for (int length : lengths) {
                countOfLength[length]++;
            }
            int[] offsets = new int[16];
            for (int length = 1; length < 15; length++) {
                offsets[length + 1] = offsets[length] + countOfLength[length];
            }
            symbols = new int[lengths.length];
            for (int symbol = 0; symbol < lengths.length; symbol++) {
                if (lengths[symbol] != 0) {
                    symbols[offsets[lengths[symbol]]++] = symbol;
                }
            }
        }

        int decode(DeflateDistances reader) {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int length = 1; length < 16; length++) {
                code |= reader.bits(1);
                int count = countOfLength[length];
                if (code - first < count) {
                    return symbols[index + code - first];
                }
                index += count;
                first = (first + count) << 1;
                code <<= 1;
            }
            throw new IllegalArgumentException("no code matches");
        }

        private static int[] fixedLiteralLengths() {
            int[] lengths = new int[288];
            for (int symbol = 0; symbol < lengths.length; symbol++) {
                lengths[symbol] = symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8;
            }
            return lengths;
        }

        private static int[] filled(int count, int length) {
            int[] lengths = new int[count];
            Arrays.fill(lengths, length);
            return lengths;
        }
    }
}
