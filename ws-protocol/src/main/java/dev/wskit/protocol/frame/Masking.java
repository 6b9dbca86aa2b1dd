package dev.wskit.protocol.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * RFC 6455 §5.3 masking: payload octet {@code i} of a frame is XORed with octet {@code i % 4} of
 * the masking key. Masking and unmasking are the same operation.
 *
 * <p>The masking key is an {@code int} holding the four key octets big-endian, as they appear on
 * the wire: key octet {@code j} is {@code (maskingKey >>> (24 - 8 * j)) & 0xFF}. Because a payload
 * may arrive, or be written, in several pieces, every method takes a {@code maskOffset}: the index
 * within the frame payload of the first byte processed, i.e. how many payload bytes earlier calls
 * already processed.
 *
 * <p>Indexes are absolute; positions, limits and byte orders of the buffers are left as they
 * were. Heap and direct buffers are both processed eight bytes at a time, or more where the JIT
 * turns the loop into vector instructions.
 *
 * <p>Stateless and thread-safe, as far as no other thread writes the same buffer regions.
 */
public final class Masking {
    /** Eight bytes of an array as one long, in the machine's order: no byte swap per word. */
    private static final VarHandle LONG_IN_ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** Eight bytes of a buffer as one long, in the machine's order whatever the buffer's order. */
    private static final VarHandle LONG_IN_BUFFER = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /**
     * From JDK 21 on (JDK-8300258), C2 turns a loop of buffer {@code VarHandle} accesses into
     * vector instructions on direct buffers as well: 1 KiB unmasked in place at about 80% of the
     * speed of a same-length {@code System.arraycopy}, where JDK 17 reaches about 20% by either
     * route and does best with the buffers' own {@code getLong}/{@code putLong}.
     */
    private static final boolean BUFFER_VIEWS_VECTORIZE = Runtime.version().feature() >= 21;

    private Masking() {
    }

    /**
     * XORs the bytes at absolute indexes {@code [from, to)} of {@code buffer} with the masking key,
     * in place; used by a server to unmask what it read.
     *
     * @param buffer the buffer holding the payload
     * @param from the absolute index of the first byte to unmask
     * @param to the absolute index past the last byte to unmask
     * @param maskingKey the frame's masking key, its four octets big-endian
     * @param maskOffset index within the frame payload of the byte at {@code from}
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= buffer.limit()}
     * @throws IllegalArgumentException if {@code maskOffset} is negative
     * @throws java.nio.ReadOnlyBufferException if {@code buffer} is read-only and the range not empty
     */
    public static void maskInPlace(ByteBuffer buffer, int from, int to, int maskingKey, long maskOffset) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        requireNonNegative(maskOffset);
        int key = keyFrom(maskingKey, maskOffset);
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            xorArrayInPlace(buffer.array(), offset + from, to - from, key);
        } else {
            xorBufferInPlace(buffer, from, to - from, key);
        }
    }

    /**
     * Writes the {@code length} bytes of {@code src} from absolute index {@code srcFrom}, XORed with
     * the masking key, to {@code dst} from absolute index {@code dstFrom}; {@code src} is unchanged.
     * Used by a client, which must not mask the caller's data in place. The two regions must not
     * overlap, unless they are the same region (which is {@link #maskInPlace}).
     *
     * @param src the bytes to mask
     * @param srcFrom the absolute index in {@code src} of the first byte
     * @param dst where the masked bytes go
     * @param dstFrom the absolute index in {@code dst} of the first byte written
     * @param length how many bytes, at least 0
     * @param maskingKey the frame's masking key, its four octets big-endian
     * @param maskOffset index within the frame payload of the byte at {@code srcFrom}
     * @throws IndexOutOfBoundsException if a region is not within its buffer's limit
     * @throws IllegalArgumentException if {@code maskOffset} is negative
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only and {@code length > 0}
     */
    public static void maskCopy(
            ByteBuffer src, int srcFrom, ByteBuffer dst, int dstFrom, int length, int maskingKey, long maskOffset) {
        Objects.checkFromIndexSize(srcFrom, length, src.limit());
        Objects.checkFromIndexSize(dstFrom, length, dst.limit());
        requireNonNegative(maskOffset);
        int key = keyFrom(maskingKey, maskOffset);
        if (src.hasArray() && dst.hasArray()) {
            xorArrays(src.array(), src.arrayOffset() + srcFrom, dst.array(), dst.arrayOffset() + dstFrom, length, key);
        } else {
            xorBuffers(src, srcFrom, dst, dstFrom, length, key);
        }
    }

    /**
     * RFC 6455 §5.3: the first byte takes key octet {@code maskOffset % 4}; rotating that octet to
     * the top makes the rest of the work start at key octet 0.
     */
    private static int keyFrom(int maskingKey, long maskOffset) {
        return Integer.rotateLeft(maskingKey, 8 * (int) (maskOffset & 3));
    }

    /**
     * The key twice over, as eight bytes in {@code order}: eight bytes are two whole key periods,
     * so every word starts at key octet 0 again and no alignment loop is needed.
     */
    private static long wordKey(int key, ByteOrder order) {
        long bigEndian = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        return order == ByteOrder.BIG_ENDIAN ? bigEndian : Long.reverseBytes(bigEndian);
    }

    /**
     * The server's case, kept apart from {@link #xorArrays}: with one array, and the loop counting
     * array indexes, JDK 17's C2 sees that each word is read and written at the same place and
     * that every index is in bounds, and turns the loop into vector instructions. Given two arrays
     * it must assume they overlap, and a loop counting words from 0 with the start added to each
     * index kept its bounds checks in some callers: both stay at eight bytes a step.
     */
    private static void xorArrayInPlace(byte[] bytes, int from, int length, int key) {
        long wordKey = wordKey(key, ByteOrder.nativeOrder());
        int wordsEnd = from + (length & ~7);
        for (int i = from; i < wordsEnd; i += Long.BYTES) {
            LONG_IN_ARRAY.set(bytes, i, (long) LONG_IN_ARRAY.get(bytes, i) ^ wordKey);
        }
        for (int i = wordsEnd; i < from + length; i++) {
            bytes[i] ^= keyOctet(key, i - from);
        }
    }

    private static void xorArrays(byte[] src, int srcFrom, byte[] dst, int dstFrom, int length, int key) {
        long wordKey = wordKey(key, ByteOrder.nativeOrder());
        int words = length >>> 3;
        for (int w = 0; w < words; w++) {
            int at = w << 3;
            LONG_IN_ARRAY.set(dst, dstFrom + at, (long) LONG_IN_ARRAY.get(src, srcFrom + at) ^ wordKey);
        }
        for (int i = words << 3; i < length; i++) {
            dst[dstFrom + i] = (byte) (src[srcFrom + i] ^ keyOctet(key, i));
        }
    }

    /** Direct buffers in place: on JDK 21+ the same loop shape as {@link #xorArrayInPlace}, which C2 vectorizes. */
    private static void xorBufferInPlace(ByteBuffer buffer, int from, int length, int key) {
        if (!BUFFER_VIEWS_VECTORIZE) {
            xorBufferWords(buffer, from, buffer, from, length, key);
            return;
        }
        long wordKey = wordKey(key, ByteOrder.nativeOrder());
        int wordsEnd = from + (length & ~7);
        for (int i = from; i < wordsEnd; i += Long.BYTES) {
            LONG_IN_BUFFER.set(buffer, i, (long) LONG_IN_BUFFER.get(buffer, i) ^ wordKey);
        }
        xorTail(buffer, from, buffer, from, length, key);
    }

    /** Direct and read-only buffers, one of them at least: a client masking into its frame buffer. */
    private static void xorBuffers(ByteBuffer src, int srcFrom, ByteBuffer dst, int dstFrom, int length, int key) {
        if (!BUFFER_VIEWS_VECTORIZE) {
            xorBufferWords(src, srcFrom, dst, dstFrom, length, key);
            return;
        }
        long wordKey = wordKey(key, ByteOrder.nativeOrder());
        int words = length >>> 3;
        for (int w = 0; w < words; w++) {
            int at = w << 3;
            LONG_IN_BUFFER.set(dst, dstFrom + at, (long) LONG_IN_BUFFER.get(src, srcFrom + at) ^ wordKey);
        }
        xorTail(src, srcFrom, dst, dstFrom, length, key);
    }

    /**
     * JDK 17's route for buffers, through their own absolute {@code getLong}/{@code putLong}: C2
     * makes of these an unrolled loop with no per-word checks, faster there on a direct buffer
     * than a buffer {@code VarHandle}. They read and write in each buffer's order, so the key takes
     * {@code src}'s order, and a word is swapped on its way to a {@code dst} of the other order.
     */
    private static void xorBufferWords(ByteBuffer src, int srcFrom, ByteBuffer dst, int dstFrom, int length, int key) {
        long wordKey = wordKey(key, src.order());
        boolean swap = src.order() != dst.order();
        int words = length >>> 3;
        for (int w = 0; w < words; w++) {
            int at = w << 3;
            long word = src.getLong(srcFrom + at) ^ wordKey;
            dst.putLong(dstFrom + at, swap ? Long.reverseBytes(word) : word);
        }
        xorTail(src, srcFrom, dst, dstFrom, length, key);
    }

    /** The bytes after the last whole word of a buffer region. */
    private static void xorTail(ByteBuffer src, int srcFrom, ByteBuffer dst, int dstFrom, int length, int key) {
        for (int i = length & ~7; i < length; i++) {
            dst.put(dstFrom + i, (byte) (src.get(srcFrom + i) ^ keyOctet(key, i)));
        }
    }

    /** The tail of fewer than eight bytes: the rotated key starts at octet 0, so byte i takes octet i % 4. */
    private static byte keyOctet(int key, int i) {
        return (byte) (key >>> (24 - 8 * (i & 3)));
    }

    private static void requireNonNegative(long maskOffset) {
        if (maskOffset < 0) {
            throw new IllegalArgumentException("maskOffset must not be negative: " + maskOffset);
        }
    }
}
