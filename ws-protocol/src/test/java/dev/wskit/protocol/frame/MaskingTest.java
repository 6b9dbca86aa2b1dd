package dev.wskit.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaskingTest {
    private static final int KEY = 0xA1B2_C3D4;

    /** A heap or direct buffer in one byte order: every combination a transport may use. */
    record Kind(boolean direct, ByteOrder order) {
        ByteBuffer holding(byte[] bytes) {
            ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
            return buffer.put(bytes).clear().order(order);
        }

        @Override
        public String toString() {
            return (direct ? "direct " : "heap ") + order;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(true, false)
                .flatMap(direct -> Stream.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN).map(order -> new Kind(direct, order)));
    }

    static Stream<Arguments> kindPairs() {
        return kinds().flatMap(src -> kinds().map(dst -> Arguments.of(src, dst)));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void maskInPlaceMatchesAByteLoopForEveryLengthOffsetAndStart(Kind kind) {
        for (int length = 0; length <= 70; length++) {
            for (int maskOffset = 0; maskOffset <= 7; maskOffset++) {
                for (int start = 0; start <= 9; start++) {
                    byte[] content = pattern(start + length + 3);
                    ByteBuffer buffer = kind.holding(content).position(1);

                    Masking.maskInPlace(buffer, start, start + length, KEY, maskOffset);

                    byte[] expected = content.clone();
                    byte[] masked = maskedByByteLoop(Arrays.copyOfRange(content, start, start + length), KEY, maskOffset);
                    System.arraycopy(masked, 0, expected, start, length);
                    assertThat(contentOf(buffer)).as("length %d, offset %d, start %d", length, maskOffset, start).isEqualTo(expected);
                    assertThat(buffer.position()).isEqualTo(1);
                    assertThat(buffer.limit()).isEqualTo(content.length);
                    assertThat(buffer.order()).isEqualTo(kind.order());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kindPairs")
    void maskCopyMatchesAByteLoopForEveryLengthOffsetAndStart(Kind srcKind, Kind dstKind) {
        for (int length = 0; length <= 70; length++) {
            for (int maskOffset = 0; maskOffset <= 7; maskOffset++) {
                for (int start = 0; start <= 9; start++) {
                    int dstStart = (start * 7) % 10; // a different alignment from the source's
                    byte[] srcContent = pattern(start + length + 3);
                    byte[] dstContent = new byte[dstStart + length + 3];
                    Arrays.fill(dstContent, (byte) 0x5A);
                    ByteBuffer src = srcKind.holding(srcContent);
                    ByteBuffer dst = dstKind.holding(dstContent);

                    Masking.maskCopy(src, start, dst, dstStart, length, KEY, maskOffset);

                    byte[] expected = dstContent.clone();
                    byte[] masked = maskedByByteLoop(Arrays.copyOfRange(srcContent, start, start + length), KEY, maskOffset);
                    System.arraycopy(masked, 0, expected, dstStart, length);
                    String situation = String.format("length %d, offset %d, start %d", length, maskOffset, start);
                    assertThat(contentOf(dst)).as(situation).isEqualTo(expected);
                    assertThat(contentOf(src)).as(situation).isEqualTo(srcContent);
                    assertThat(src.order()).isEqualTo(srcKind.order());
                    assertThat(dst.order()).isEqualTo(dstKind.order());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void maskingTwiceRestoresThePayload(Kind kind) {
        byte[] payload = pattern(67);
        ByteBuffer buffer = kind.holding(payload);

        Masking.maskInPlace(buffer, 2, 67, KEY, 3);
        assertThat(contentOf(buffer)).isNotEqualTo(payload);
        Masking.maskInPlace(buffer, 2, 67, KEY, 3);

        assertThat(contentOf(buffer)).isEqualTo(payload);
    }

    @Test
    void maskingInChunksWithTheRunningOffsetEqualsMaskingWhole() {
        byte[] payload = pattern(37);
        long frameOffset = 5; // the whole payload itself starts mid-frame
        byte[] whole = maskedByByteLoop(payload, KEY, frameOffset);
        for (int first = 0; first <= payload.length; first++) {
            for (int second = first; second <= payload.length; second++) {
                int[] bounds = {0, first, second, payload.length};
                ByteBuffer inPlace = ByteBuffer.wrap(payload.clone());
                ByteBuffer copy = ByteBuffer.allocateDirect(payload.length);

                for (int c = 0; c < 3; c++) {
                    Masking.maskInPlace(inPlace, bounds[c], bounds[c + 1], KEY, frameOffset + bounds[c]);
                    Masking.maskCopy(ByteBuffer.wrap(payload), bounds[c], copy, bounds[c], bounds[c + 1] - bounds[c], KEY, frameOffset + bounds[c]);
                }

                assertThat(contentOf(inPlace)).as("cut at %d and %d", first, second).isEqualTo(whole);
                assertThat(contentOf(copy)).as("cut at %d and %d", first, second).isEqualTo(whole);
            }
        }
    }

    @Test
    void masksWithinASliceWhoseArrayStartsFurtherIn() {
        byte[] array = pattern(60);
        ByteBuffer slice = ByteBuffer.wrap(array.clone(), 5, 50).slice(); // array offset 5
        ByteBuffer target = ByteBuffer.wrap(new byte[60], 7, 50).slice(); // array offset 7

        Masking.maskInPlace(slice, 3, 43, KEY, 1);
        Masking.maskCopy(ByteBuffer.wrap(array, 5, 50).slice(), 3, target, 2, 40, KEY, 1);

        byte[] masked = maskedByByteLoop(Arrays.copyOfRange(array, 8, 48), KEY, 1);
        byte[] expected = array.clone();
        System.arraycopy(masked, 0, expected, 8, 40);
        assertThat(slice.array()).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(target.array(), 9, 49)).isEqualTo(masked);
    }

    @Test
    void unmasksTheHelloExampleOfRfc6455Section5_7() {
        // RFC 6455 §5.7: "A single-frame masked text message": 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58.
        ByteBuffer payload = ByteBuffer.wrap(hex("7f 9f 4d 51 58"));

        Masking.maskInPlace(payload, 0, 5, 0x37FA_213D, 0);

        assertThat(new String(payload.array(), StandardCharsets.US_ASCII)).isEqualTo("Hello");
    }

    @Test
    void masksHelloAsRfc6455Section5_7Shows() {
        ByteBuffer hello = ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        ByteBuffer frame = ByteBuffer.allocate(5);

        Masking.maskCopy(hello, 0, frame, 0, 5, 0x37FA_213D, 0);

        assertThat(frame.array()).isEqualTo(hex("7f 9f 4d 51 58"));
    }

    @Test
    void maskOffsetChoosesTheKeyOctetOfTheFirstByte() {
        int key = 0x0102_0304;

        assertThat(maskedZeros(9, key, 0)).isEqualTo(hex("01 02 03 04 01 02 03 04 01"));
        assertThat(maskedZeros(9, key, 1)).isEqualTo(hex("02 03 04 01 02 03 04 01 02"));
        assertThat(maskedZeros(9, key, 2)).isEqualTo(hex("03 04 01 02 03 04 01 02 03"));
        assertThat(maskedZeros(9, key, 3)).isEqualTo(hex("04 01 02 03 04 01 02 03 04"));
        assertThat(maskedZeros(9, key, (1L << 32) + 3)).as("an offset beyond int range").isEqualTo(hex("04 01 02 03 04 01 02 03 04"));
    }

    @Test
    void refusesToMaskAReadOnlyBufferInPlace() {
        ByteBuffer readOnly = ByteBuffer.allocate(16).asReadOnlyBuffer();

        assertThatThrownBy(() -> Masking.maskInPlace(readOnly, 0, 16, KEY, 0)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void rejectsRangesOutsideTheBuffersAndNegativeOffsets() {
        ByteBuffer buffer = ByteBuffer.allocate(40).limit(30);
        ByteBuffer other = ByteBuffer.allocate(40);

        assertThatThrownBy(() -> Masking.maskInPlace(buffer, -1, 10, KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Masking.maskInPlace(buffer, 10, 9, KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Masking.maskInPlace(buffer, 0, 31, KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Masking.maskCopy(buffer, 20, other, 0, 11, KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Masking.maskCopy(other, 0, buffer, 20, 11, KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Masking.maskCopy(other, 0, buffer, 0, -1, KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Masking.maskInPlace(buffer, 0, 10, KEY, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Masking.maskCopy(other, 0, buffer, 0, 10, KEY, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The definition of RFC 6455 §5.3, one octet at a time. */
    static byte[] maskedByByteLoop(byte[] payload, int maskingKey, long maskOffset) {
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            int keyOctet = (int) ((maskOffset + i) % 4);
            masked[i] = (byte) (payload[i] ^ (maskingKey >>> (24 - 8 * keyOctet)));
        }
        return masked;
    }

    static byte[] contentOf(ByteBuffer buffer) {
        byte[] content = new byte[buffer.capacity()];
        for (int i = 0; i < content.length; i++) {
            content[i] = buffer.get(i);
        }
        return content;
    }

    private static byte[] maskedZeros(int length, int maskingKey, long maskOffset) {
        ByteBuffer zeros = ByteBuffer.allocate(length);
        Masking.maskInPlace(zeros, 0, length, maskingKey, maskOffset);
        return zeros.array();
    }

    /** Bytes that differ from their neighbours, so a misplaced key octet cannot go unnoticed. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }
}
