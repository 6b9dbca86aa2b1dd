package dev.wskit.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The validator against an independent oracle: the JDK's UTF-8 decoder, which reports malformed
 * input (overlongs, surrogates, code points above U+10FFFF, truncation) as errors.
 */
class Utf8ValidatorProperties {

    @Example
    void oracleRejectsWhatRfc3629Forbids() {
        for (String forbidden : List.of("c0 80", "e0 9f bf", "f0 8f bf bf", "ed a0 80", "ed bf bf",
                "f4 90 80 80", "f5 80 80 80", "80", "e1 80")) {
            assertThat(jdkDecodes(HexFormat.ofDelimiter(" ").parseHex(forbidden))).as(forbidden).isFalse();
        }
        assertThat(jdkDecodes(HexFormat.ofDelimiter(" ").parseHex("f4 8f bf bf ed 9f bf"))).isTrue();
    }

    @Property
    void agreesWithTheJdkDecoderOnAWholeText(@ForAll("nearlyUtf8") byte[] bytes) {
        boolean jdkAccepts = jdkDecodes(bytes);
        Utf8Validator validator = new Utf8Validator();

        assertThat(validator.feed(ByteBuffer.wrap(bytes), 0, bytes.length) && validator.isComplete()).isEqualTo(jdkAccepts);
        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes), 0, bytes.length)).isEqualTo(jdkAccepts);
    }

    @Property
    void agreesWithTheJdkDecoderWhenTheTextArrivesInChunks(
            @ForAll("nearlyUtf8") byte[] bytes,
            @ForAll @Size(max = 8) List<@IntRange(max = 300) Integer> cuts,
            @ForAll boolean direct,
            @ForAll @IntRange(max = 9) int start) {
        ByteBuffer buffer = bufferHolding(bytes, start, direct);
        int[] bounds = chunkBounds(bytes.length, cuts);
        Utf8Validator validator = new Utf8Validator();

        boolean everyChunkAccepted = true;
        for (int c = 0; c + 1 < bounds.length; c++) {
            everyChunkAccepted &= validator.feed(buffer, start + bounds[c], start + bounds[c + 1]);
        }

        assertThat(everyChunkAccepted && validator.isComplete()).isEqualTo(jdkDecodes(bytes));
    }

    @Property
    void failsOnTheChunkHoldingTheByteThatFailsByteByByte(
            @ForAll("nearlyUtf8") byte[] bytes, @ForAll @Size(max = 8) List<@IntRange(max = 300) Integer> cuts) {
        int firstRejected = firstRejectedByteByByte(bytes);
        int[] bounds = chunkBounds(bytes.length, cuts);
        Utf8Validator validator = new Utf8Validator();

        for (int c = 0; c + 1 < bounds.length; c++) {
            boolean holdsOrFollowsRejected = firstRejected >= 0 && firstRejected < bounds[c + 1];
            assertThat(validator.feed(ByteBuffer.wrap(bytes), bounds[c], bounds[c + 1]))
                    .as("chunk [%d, %d), first rejected byte %d", bounds[c], bounds[c + 1], firstRejected)
                    .isEqualTo(!holdsOrFollowsRejected);
        }
    }

    @Property
    void acceptsEveryEncodedString(@ForAll("encodedText") byte[] bytes) {
        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes), 0, bytes.length)).isTrue();
    }

    /**
     * Mostly almost-valid UTF-8, where the interesting mistakes are; some of it in long ASCII runs,
     * which the validator takes a word at a time.
     */
    @Provide
    Arbitrary<byte[]> nearlyUtf8() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(text(8), Arbitraries.oneOf(anyLengthEncoding(), suspectBytes()), text(8))
                        .as((before, suspect, after) -> concat(concat(before, suspect), after))),
                Tuple.of(3, asciiRunsAround(Arbitraries.oneOf(anyLengthEncoding(), suspectBytes(), text(2)))),
                Tuple.of(2, mutated(text(30))),
                Tuple.of(1, text(30)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)));
    }

    @Provide
    Arbitrary<byte[]> encodedText() {
        return text(30);
    }

    /** Text over all of Unicode but surrogates, with every encoded length well represented. */
    private static Arbitrary<byte[]> text(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0x0000, 0x007F),
                Arbitraries.integers().between(0x0080, 0x07FF),
                Arbitraries.integers().between(0x0800, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFF),
                Arbitraries.integers().between(0x1_0000, 0x10_FFFF));
        return codePoint.list().ofMaxSize(maxCodePoints).map(codePoints -> {
            StringBuilder text = new StringBuilder();
            codePoints.forEach(text::appendCodePoint);
            return text.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    /**
     * ASCII runs of up to 24 bytes before, between and after two pieces: whole ASCII words, and
     * the pieces at every alignment to them. Run lengths are uniform, not bunched at the short
     * end, so that most runs hold a whole word.
     */
    private static Arbitrary<byte[]> asciiRunsAround(Arbitrary<byte[]> piece) {
        Arbitrary<byte[]> run = Arbitraries.strings().ascii().ofMaxLength(24)
                .withLengthDistribution(RandomDistribution.uniform())
                .map(ascii -> ascii.getBytes(StandardCharsets.US_ASCII));
        return Combinators.combine(run, piece, run, piece, run)
                .as((first, one, second, other, third) -> concat(concat(concat(concat(first, one), second), other), third));
    }

    /**
     * A code point near a line RFC 3629 draws, encoded with the bit pattern of a chosen length
     * whether or not that length is allowed: overlong forms, surrogates and values above U+10FFFF
     * come out well-formed in every other respect. Put between valid text, the verdict on the
     * whole text hangs on it alone.
     */
    private static Arbitrary<byte[]> anyLengthEncoding() {
        Arbitrary<Integer> nearALine = Combinators.combine(
                        Arbitraries.of(0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF,
                                0x1_0000, 0x10_FFFF, 0x11_0000, 0x1F_FFFF),
                        Arbitraries.integers().between(-2, 2))
                .as((line, delta) -> Math.max(0, Math.min(0x1F_FFFF, line + delta)));
        return Combinators.combine(nearALine, Arbitraries.integers().between(2, 4))
                .as(Utf8ValidatorProperties::encodeWithLength);
    }

    /** RFC 3629 §3's bit pattern for {@code length} bytes, applied without its range checks. */
    private static byte[] encodeWithLength(int codePoint, int length) {
        byte[] bytes = new byte[length];
        int rest = codePoint;
        for (int i = length - 1; i > 0; i--) {
            bytes[i] = (byte) (0x80 | (rest & 0x3F));
            rest >>>= 6;
        }
        bytes[0] = (byte) ((0xFF00 >> length) | (rest & (0x7F >> length))); // length ones, a zero, payload
        return bytes;
    }

    /**
     * A byte where RFC 3629 §4 draws a line for lead bytes, then up to three bytes where it draws
     * one for the byte after a lead: stray, missing and misplaced bytes.
     */
    private static Arbitrary<byte[]> suspectBytes() {
        Arbitrary<Byte> lead = Arbitraries.of(boxed(0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF));
        Arbitrary<Byte> next = Arbitraries.of(boxed(0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2));
        return Combinators.combine(lead, next.list().ofMaxSize(3)).as((first, rest) -> {
            byte[] bytes = new byte[1 + rest.size()];
            bytes[0] = first;
            for (int i = 0; i < rest.size(); i++) {
                bytes[i + 1] = rest.get(i);
            }
            return bytes;
        });
    }

    /** Encoded text with one byte replaced, then possibly a few bytes cut off the end. */
    private static Arbitrary<byte[]> mutated(Arbitrary<byte[]> text) {
        return Combinators.combine(
                        text,
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.bytes(),
                        Arbitraries.integers().between(0, 3))
                .as((bytes, where, replacement, cutOff) -> {
                    if (bytes.length == 0) {
                        return bytes;
                    }
                    byte[] changed = bytes.clone();
                    changed[where % changed.length] = replacement;
                    return Arrays.copyOf(changed, Math.max(0, changed.length - cutOff));
                });
    }

    private static Byte[] boxed(int... values) {
        Byte[] bytes = new Byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }

    private static boolean jdkDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int firstRejectedByteByByte(byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++) {
            if (!validator.feed(ByteBuffer.wrap(bytes), i, i + 1)) {
                return i;
            }
        }
        return -1;
    }

    /** Chunk boundaries: 0, the cuts that fall inside the text, in order, and the length. */
    private static int[] chunkBounds(int length, List<Integer> cuts) {
        TreeSet<Integer> bounds = new TreeSet<>(List.of(0, length));
        cuts.stream().filter(cut -> cut <= length).forEach(bounds::add);
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    private static ByteBuffer bufferHolding(byte[] bytes, int start, boolean direct) {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(start + bytes.length) : ByteBuffer.allocate(start + bytes.length);
        return buffer.position(start).put(bytes).clear();
    }
}
