package dev.wskit.protocol.frame;

import static dev.wskit.protocol.frame.MaskingTest.contentOf;
import static dev.wskit.protocol.frame.MaskingTest.maskedByByteLoop;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Word-at-a-time masking against the octet-at-a-time definition of RFC 6455 §5.3. */
class MaskingProperties {

    @Property
    void maskingInPlaceInChunksMatchesTheByteLoop(
            @ForAll @Size(max = 4096) byte[] payload,
            @ForAll int maskingKey,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long frameOffset,
            @ForAll @Size(max = 6) List<@IntRange(max = 4096) Integer> cuts,
            @ForAll @IntRange(max = 9) int start,
            @ForAll boolean direct,
            @ForAll boolean littleEndian) {
        ByteBuffer buffer = bufferHolding(payload, start, direct, littleEndian);
        int[] bounds = chunkBounds(payload.length, cuts);

        for (int c = 0; c + 1 < bounds.length; c++) {
            Masking.maskInPlace(buffer, start + bounds[c], start + bounds[c + 1], maskingKey, frameOffset + bounds[c]);
        }

        assertThat(payloadOf(buffer, start)).isEqualTo(maskedByByteLoop(payload, maskingKey, frameOffset));
    }

    @Property
    void maskingACopyInChunksMatchesTheByteLoopAndLeavesTheSourceAlone(
            @ForAll @Size(max = 4096) byte[] payload,
            @ForAll int maskingKey,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long frameOffset,
            @ForAll @Size(max = 6) List<@IntRange(max = 4096) Integer> cuts,
            @ForAll @IntRange(max = 9) int srcStart,
            @ForAll @IntRange(max = 9) int dstStart,
            @ForAll boolean srcDirect,
            @ForAll boolean srcLittleEndian,
            @ForAll boolean dstLittleEndian) {
        ByteBuffer src = bufferHolding(payload, srcStart, srcDirect, srcLittleEndian);
        ByteBuffer dst = bufferHolding(new byte[payload.length], dstStart, !srcDirect, dstLittleEndian);
        int[] bounds = chunkBounds(payload.length, cuts);

        for (int c = 0; c + 1 < bounds.length; c++) {
            Masking.maskCopy(src, srcStart + bounds[c], dst, dstStart + bounds[c], bounds[c + 1] - bounds[c],
                    maskingKey, frameOffset + bounds[c]);
        }

        assertThat(payloadOf(dst, dstStart)).isEqualTo(maskedByByteLoop(payload, maskingKey, frameOffset));
        assertThat(payloadOf(src, srcStart)).isEqualTo(payload);
    }

    @Property
    void maskingTwiceIsTheIdentity(
            @ForAll @Size(max = 4096) byte[] payload,
            @ForAll int maskingKey,
            @ForAll @LongRange(min = 0) long maskOffset,
            @ForAll boolean direct) {
        ByteBuffer buffer = bufferHolding(payload, 0, direct, false);

        Masking.maskInPlace(buffer, 0, payload.length, maskingKey, maskOffset);
        Masking.maskInPlace(buffer, 0, payload.length, maskingKey, maskOffset);

        assertThat(payloadOf(buffer, 0)).isEqualTo(payload);
    }

    private static ByteBuffer bufferHolding(byte[] payload, int start, boolean direct, boolean littleEndian) {
        int capacity = start + payload.length;
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        return buffer.position(start).put(payload).clear()
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    private static byte[] payloadOf(ByteBuffer buffer, int start) {
        byte[] content = contentOf(buffer);
        byte[] payload = new byte[content.length - start];
        System.arraycopy(content, start, payload, 0, payload.length);
        return payload;
    }

    /** Chunk boundaries: 0, the cuts that fall inside the payload, in order, and the length. */
    private static int[] chunkBounds(int length, List<Integer> cuts) {
        TreeSet<Integer> bounds = new TreeSet<>(List.of(0, length));
        cuts.stream().filter(cut -> cut <= length).forEach(bounds::add);
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }
}
