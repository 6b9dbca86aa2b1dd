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
 * were. Heap and direct buffers are both processed eight bytes at a time.
 *
 * <p>Stateless and thread-safe, as far as no other thread writes the same buffer regions.
 */
public final class Masking {
    /** Eight bytes of an array as one long, in the machine's order: no byte swap per word. */
    private static final VarHandle LONG_IN_ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** The same for any buffer (direct ones above all), whatever order the buffer itself is set to. */
    private static final VarHandle LONG_IN_BUFFER = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private Masking() {
    }

    /**
     * XORs the bytes at absolute indexes {@code [from, to)} of {@code buffer} with the masking key,
     * in place; used by a server to unmask what it read.
     *
     * @param maskOffset index within the frame payload of the byte at {@code from}
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= buffer.limit()}
     * @throws IllegalArgumentException if {@code maskOffset} is negative
     * @throws java.nio.ReadOnlyBufferException if {@code buffer} is read-only and the range not empty
     */
    public static void maskInPlace(ByteBuffer buffer, int from, int to, int maskingKey, long maskOffset) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        requireNonNegative(maskOffset);
        xor(buffer, from, buffer, from, to - from, maskingKey, maskOffset);
    }

    /**
     * Writes the {@code length} bytes of {@code src} from absolute index {@code srcFrom}, XORed with
     * the masking key, to {@code dst} from absolute index {@code dstFrom}; {@code src} is unchanged.
     * Used by a client, which must not mask the caller's data in place. The two regions must not
     * overlap, unless they are the same region (which is {@link #maskInPlace}).
     *
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
        xor(src, srcFrom, dst, dstFrom, length, maskingKey, maskOffset);
    }

    private static void xor(
            ByteBuffer src, int srcFrom, ByteBuffer dst, int dstFrom, int length, int maskingKey, long maskOffset) {
        // RFC 6455 §5.3: the first byte takes key octet (maskOffset % 4); rotating that octet to
        // the top makes the rest of the work start at key octet 0.
        int key = Integer.rotateLeft(maskingKey, 8 * (int) (maskOffset & 3));
        // Eight bytes are two whole key periods, so every word starts at key octet 0 again and no
        // alignment loop is needed.
        long wordKey = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        // Words are read and written in the machine's order, so the key is too.
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            wordKey = Long.reverseBytes(wordKey);
        }
        if (src.hasArray() && dst.hasArray()) {
            // Heap buffers (what most transports read into): word access on the arrays themselves.
            xorArrays(src.array(), src.arrayOffset() + srcFrom, dst.array(), dst.arrayOffset() + dstFrom, length, key, wordKey);
            return;
        }
        int words = length >>> 3;
        // A counted loop over whole words, so the JIT can unroll it and hoist the bounds checks.
        for (int w = 0; w < words; w++) {
            int at = w << 3;
            LONG_IN_BUFFER.set(dst, dstFrom + at, (long) LONG_IN_BUFFER.get(src, srcFrom + at) ^ wordKey);
        }
        // Tail of fewer than eight bytes: the rotated key starts at octet 0, so byte i takes octet i % 4.
        for (int i = words << 3; i < length; i++) {
            dst.put(dstFrom + i, (byte) (src.get(srcFrom + i) ^ (key >>> (24 - 8 * (i & 3)))));
        }
    }

    private static void xorArrays(byte[] src, int srcFrom, byte[] dst, int dstFrom, int length, int key, long wordKey) {
        int words = length >>> 3;
        for (int w = 0; w < words; w++) {
            int at = w << 3;
            LONG_IN_ARRAY.set(dst, dstFrom + at, (long) LONG_IN_ARRAY.get(src, srcFrom + at) ^ wordKey);
        }
        for (int i = words << 3; i < length; i++) {
            dst[dstFrom + i] = (byte) (src[srcFrom + i] ^ (key >>> (24 - 8 * (i & 3))));
        }
    }

    private static void requireNonNegative(long maskOffset) {
        if (maskOffset < 0) {
            throw new IllegalArgumentException("maskOffset must not be negative: " + maskOffset);
        }
    }
}
