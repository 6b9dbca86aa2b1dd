package dev.wskit.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8ValidatorTest {

    /**
     * One input and its exact outcome: the index of the first byte a validator must reject, or
     * none; and whether the whole input is a complete valid text.
     */
    record Row(String rule, byte[] bytes, int firstInvalidIndex, boolean valid) {
        static Row valid(String rule, String hex) {
            return new Row(rule, hex(hex), -1, true);
        }

        /** Invalid because of the byte at {@code index}. */
        static Row invalidAt(int index, String rule, String hex) {
            return new Row(rule, hex(hex), index, false);
        }

        /** Every byte acceptable so far, but the text ends inside a sequence. */
        static Row truncated(String rule, String hex) {
            return new Row(rule, hex(hex), -1, false);
        }

        @Override
        public String toString() {
            return rule + " [" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "]";
        }
    }

    static Stream<Row> rows() {
        String word = "61 62 63 64 65 66 67 68"; // eight ASCII bytes, which the validator takes as one word
        return Stream.of(
                Row.valid("empty text", ""),
                Row.valid("ASCII", "48 65 6c 6c 6f"),
                Row.valid("U+0000", "00"),
                Row.valid("U+007F, last one-byte", "7f"),
                Row.valid("U+0080, first two-byte", "c2 80"),
                Row.valid("U+07FF, last two-byte", "df bf"),
                Row.valid("U+0800, first three-byte", "e0 a0 80"),
                Row.valid("U+D7FF, last before surrogates", "ed 9f bf"),
                Row.valid("U+E000, first after surrogates", "ee 80 80"),
                Row.valid("U+FEFF, byte order mark", "ef bb bf"),
                Row.valid("U+FFFF, last three-byte", "ef bf bf"),
                Row.valid("U+10000, first four-byte", "f0 90 80 80"),
                Row.valid("U+10FFFF, last code point", "f4 8f bf bf"),
                Row.valid("Greek kosme", "ce ba e1 bd b9 cf 83 ce bc ce b5"),
                Row.valid("every length in a row", "41 c3 a9 e2 82 ac f0 9f 98 80 42"),
                Row.invalidAt(0, "overlong two-byte U+0000", "c0 80"),
                Row.invalidAt(0, "overlong two-byte U+007F", "c1 bf"),
                Row.invalidAt(1, "overlong three-byte U+0000", "e0 80 80"),
                Row.invalidAt(1, "overlong three-byte U+07FF", "e0 9f bf"),
                Row.invalidAt(1, "overlong four-byte U+0000", "f0 80 80 80"),
                Row.invalidAt(1, "overlong four-byte U+FFFF", "f0 8f bf bf"),
                Row.invalidAt(1, "surrogate U+D800", "ed a0 80"),
                Row.invalidAt(1, "surrogate U+DBFF", "ed af bf"),
                Row.invalidAt(1, "surrogate U+DC00", "ed b0 80"),
                Row.invalidAt(1, "surrogate U+DFFF", "ed bf bf"),
                Row.invalidAt(1, "surrogate pair U+D83D U+DE00 (CESU-8)", "ed a0 bd ed b8 80"),
                Row.invalidAt(1, "U+110000, above the last code point", "f4 90 80 80"),
                Row.invalidAt(0, "F5 lead byte, above U+10FFFF", "f5 80 80 80"),
                Row.invalidAt(0, "F8 lead byte, old five-byte form", "f8 88 80 80 80"),
                Row.invalidAt(0, "FE byte", "fe"),
                Row.invalidAt(0, "FF byte", "ff"),
                Row.invalidAt(0, "lone continuation 80", "80"),
                Row.invalidAt(0, "lone continuation BF", "bf"),
                Row.invalidAt(1, "continuation after ASCII", "61 bf"),
                Row.invalidAt(2, "continuation after a complete two-byte", "c2 80 80"),
                Row.invalidAt(1, "ASCII inside a two-byte sequence", "c2 41"),
                Row.invalidAt(2, "ASCII inside a three-byte sequence", "e1 80 41"),
                Row.invalidAt(3, "lead byte inside a four-byte sequence", "f1 80 80 c2 80"),
                Row.invalidAt(7, "surrogate after valid text", "ce ba e1 bd b9 61 ed a0 80"),
                Row.truncated("truncated two-byte at end", "c2"),
                Row.truncated("truncated three-byte at end, lead only", "e0"),
                Row.truncated("truncated three-byte at end", "e1 80"),
                Row.truncated("truncated four-byte at end", "f0 90 80"),
                Row.truncated("truncated U+10FFFF at end", "f4 8f bf"),
                Row.truncated("truncated sequence after ASCII", "61 62 e1"),
                Row.valid("ASCII words around every length", word + " c3 a9 " + word + " e2 82 ac " + word + " f0 9f 98 80 " + word),
                Row.valid("two-byte character across two words", "61 62 63 64 65 66 67 c3 a9 61 62 63 64 65 66 67"),
                Row.invalidAt(8, "invalid byte right after an ASCII word", word + " ff"),
                Row.invalidAt(16, "stray continuation after two ASCII words", word + " " + word + " 80"),
                Row.invalidAt(2, "ASCII word inside a three-byte sequence", "e2 82 " + word),
                Row.invalidAt(8, "ASCII word after a sequence left open at the end of a word", "61 62 63 64 65 66 e2 82 " + word + " ac"),
                Row.invalidAt(8, "surrogate across two words", "61 62 63 64 65 66 67 ed a0 80 " + word),
                Row.truncated("truncated sequence after an ASCII word", word + " e2 82"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void judgesTheWholeTextExactly(Row row) {
        Utf8Validator validator = new Utf8Validator();

        assertThat(validator.feed(ByteBuffer.wrap(row.bytes()), 0, row.bytes().length)).isEqualTo(row.firstInvalidIndex() < 0);
        assertThat(validator.isComplete()).isEqualTo(row.valid());
    }

    @ParameterizedTest
    @MethodSource("rows")
    void judgesTheTextTheSameWhenSplitAtEveryPosition(Row row) {
        Utf8Validator validator = new Utf8Validator();
        byte[] bytes = row.bytes();
        for (int split = 0; split <= bytes.length; split++) {
            validator.reset();
            boolean first = validator.feed(ByteBuffer.wrap(bytes), 0, split);
            boolean second = validator.feed(ByteBuffer.wrap(bytes), split, bytes.length);

            assertThat(first).as("first chunk, split at %d", split).isEqualTo(split <= row.firstInvalidIndex() || row.firstInvalidIndex() < 0);
            assertThat(second).as("second chunk, split at %d", split).isEqualTo(row.firstInvalidIndex() < 0);
            assertThat(validator.isComplete()).as("complete, split at %d", split).isEqualTo(row.valid());
        }
    }

    @ParameterizedTest
    @MethodSource("rows")
    void rejectsExactlyTheFirstInvalidByteWhenFedByteByByte(Row row) {
        Utf8Validator validator = new Utf8Validator();
        ByteBuffer buffer = ByteBuffer.wrap(row.bytes());
        int firstRejected = -1;
        for (int i = 0; i < row.bytes().length && firstRejected < 0; i++) {
            if (!validator.feed(buffer, i, i + 1)) {
                firstRejected = i;
            }
        }

        assertThat(firstRejected).isEqualTo(row.firstInvalidIndex());
        assertThat(validator.isComplete()).isEqualTo(row.valid());
    }

    @ParameterizedTest
    @MethodSource("rows")
    void oneShotCheckAcceptsOnlyCompleteValidText(Row row) {
        ByteBuffer heap = ByteBuffer.wrap(row.bytes());
        ByteBuffer direct = BufferKind.DIRECT.holding(row.bytes());

        assertThat(Utf8Validator.isValid(heap, 0, heap.limit())).isEqualTo(row.valid());
        assertThat(Utf8Validator.isValid(direct, 0, direct.limit())).isEqualTo(row.valid());
    }

    static Stream<Row> rowsWithAnInvalidByte() {
        return rows().filter(row -> row.firstInvalidIndex() >= 0);
    }

    @ParameterizedTest
    @MethodSource("rowsWithAnInvalidByte")
    void failsOnTheChunkHoldingTheFirstInvalidByteAndStaysFailed(Row row) {
        byte[] message = concat(row.bytes(), ascii("and the message goes on"));
        int bad = row.firstInvalidIndex();
        Utf8Validator validator = new Utf8Validator();

        assertThat(validator.feed(ByteBuffer.wrap(message), 0, bad)).isTrue();
        assertThat(validator.feed(ByteBuffer.wrap(message), bad, message.length)).isFalse();
        assertThat(validator.feed(ByteBuffer.wrap(ascii("valid")), 0, 5)).isFalse();
        assertThat(validator.feed(ByteBuffer.allocate(0), 0, 0)).isFalse();
        assertThat(validator.isComplete()).isFalse();
    }

    @Test
    void resetMakesAFailedValidatorReusable() {
        Utf8Validator validator = new Utf8Validator();
        validator.feed(ByteBuffer.wrap(hex("ff")), 0, 1);

        validator.reset();

        assertThat(validator.feed(ByteBuffer.wrap(hex("c3 a9")), 0, 2)).isTrue();
        assertThat(validator.isComplete()).isTrue();
    }

    @Test
    void resetForgetsASequenceLeftOpen() {
        Utf8Validator validator = new Utf8Validator();
        validator.feed(ByteBuffer.wrap(hex("e2 82")), 0, 2);

        validator.reset();

        assertThat(validator.isComplete()).isTrue();
        assertThat(validator.feed(ByteBuffer.wrap(hex("ac")), 0, 1)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void asciiFastPathFindsAnInvalidByteAtEveryPosition(BufferKind kind) {
        for (int bad : new int[] {0x80, 0xC0, 0xFF}) {
            for (int position = 0; position < 64; position++) {
                byte[] bytes = ascii("a".repeat(64));
                bytes[position] = (byte) bad;
                ByteBuffer buffer = kind.holding(bytes);

                assertThat(new Utf8Validator().feed(buffer, 0, 64)).as("%02x at %d", bad, position).isFalse();
                assertThat(Utf8Validator.isValid(buffer, 0, 64)).as("%02x at %d", bad, position).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void asciiFastPathResumesAfterAMultiByteCharacterAtEveryPosition(BufferKind kind) {
        for (int position = 0; position <= 62; position++) {
            byte[] bytes = ascii("a".repeat(64));
            bytes[position] = (byte) 0xC3; // U+00E9
            bytes[position + 1] = (byte) 0xA9;
            ByteBuffer buffer = kind.holding(bytes);

            assertThat(Utf8Validator.isValid(buffer, 0, 64)).as("é at %d", position).isTrue();
            assertThat(Utf8Validator.isValid(buffer, 1, 64)).as("from 1, é at %d", position).isEqualTo(position != 0);
        }
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void carriesASequenceOpenAtAChunkEndIntoTheWordsOfTheNextChunk(BufferKind kind) {
        byte[] text = utf8("abcdefg€abcdefghijklmnop🚀abcdefgh é");
        ByteBuffer buffer = kind.holding(text);
        for (int split = 0; split <= text.length; split++) {
            Utf8Validator validator = new Utf8Validator();

            assertThat(validator.feed(buffer, 0, split)).as("first chunk, split at %d", split).isTrue();
            assertThat(validator.feed(buffer, split, text.length)).as("second chunk, split at %d", split).isTrue();
            assertThat(validator.isComplete()).as("complete, split at %d", split).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void asciiWordsCannotFinishASequenceLeftOpenByTheChunkBefore(BufferKind kind) {
        Utf8Validator validator = new Utf8Validator();

        assertThat(validator.feed(kind.holding(hex("61 e2 82")), 0, 3)).isTrue();
        assertThat(validator.feed(kind.holding(ascii("abcdefghijklmnop")), 0, 16)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void readsOnlyTheGivenRange(BufferKind kind) {
        byte[] bytes = ascii("x".repeat(40));
        bytes[2] = (byte) 0xFF;
        bytes[30] = (byte) 0xFF;
        ByteBuffer buffer = kind.holding(bytes);
        Utf8Validator validator = new Utf8Validator();

        assertThat(validator.feed(buffer, 3, 30)).isTrue();
        assertThat(Utf8Validator.isValid(buffer, 3, 30)).isTrue();
        assertThat(Utf8Validator.isValid(buffer, 3, 31)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void leavesPositionAndLimitAlone(BufferKind kind) {
        ByteBuffer buffer = kind.holding(utf8("héllo wörld, ünïcode everywhere"));
        buffer.position(3).limit(20);

        new Utf8Validator().feed(buffer, 0, 20);
        Utf8Validator.isValid(buffer, 5, 15);

        assertThat(buffer.position()).isEqualTo(3);
        assertThat(buffer.limit()).isEqualTo(20);
    }

    @Test
    void carriesASequenceAcrossBuffersOfEveryKind() {
        byte[] emoji = hex("f0 9f 98 80");
        Utf8Validator validator = new Utf8Validator();

        assertThat(validator.feed(BufferKind.HEAP.holding(emoji), 0, 1)).isTrue();
        assertThat(validator.feed(BufferKind.DIRECT.holding(emoji), 1, 2)).isTrue();
        assertThat(validator.feed(BufferKind.READ_ONLY.holding(emoji), 2, 3)).isTrue();
        assertThat(validator.isComplete()).isFalse();
        assertThat(validator.feed(ByteBuffer.wrap(emoji), 3, 4)).isTrue();
        assertThat(validator.isComplete()).isTrue();
    }

    @Test
    void rejectsARangeOutsideTheBufferOrBeyondItsLimit() {
        ByteBuffer buffer = ByteBuffer.allocate(40).limit(30);
        Utf8Validator validator = new Utf8Validator();

        assertThatThrownBy(() -> validator.feed(buffer, -1, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> validator.feed(buffer, 10, 9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> validator.feed(buffer, 10, 31)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Utf8Validator.isValid(buffer, 0, 31)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The kinds of buffer a transport may hand over, each in a byte order the validator must ignore. */
    enum BufferKind {
        HEAP {
            @Override
            ByteBuffer holding(byte[] bytes) {
                return ByteBuffer.wrap(bytes.clone());
            }
        },
        HEAP_LITTLE_ENDIAN {
            @Override
            ByteBuffer holding(byte[] bytes) {
                return ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
            }
        },
        DIRECT {
            @Override
            ByteBuffer holding(byte[] bytes) {
                return ByteBuffer.allocateDirect(bytes.length).put(bytes).clear();
            }
        },
        DIRECT_LITTLE_ENDIAN {
            @Override
            ByteBuffer holding(byte[] bytes) {
                return DIRECT.holding(bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
        },
        READ_ONLY {
            @Override
            ByteBuffer holding(byte[] bytes) {
                return DIRECT.holding(bytes).asReadOnlyBuffer();
            }
        },
        /** Heap memory whose array is hidden: read through the buffer, as a direct one is. */
        READ_ONLY_HEAP {
            @Override
            ByteBuffer holding(byte[] bytes) {
                return HEAP.holding(bytes).asReadOnlyBuffer();
            }
        };

        abstract ByteBuffer holding(byte[] bytes);
    }

    private static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }
}
