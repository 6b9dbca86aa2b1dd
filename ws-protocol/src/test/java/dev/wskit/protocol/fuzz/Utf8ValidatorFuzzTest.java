package dev.wskit.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wskit.protocol.text.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer target for {@link Utf8Validator} (RFC 3629, as RFC 6455 §8.1 requires): on any bytes,
 * cut any way and in any kind of buffer, it agrees with the JDK's decoder set to REPORT, and it
 * fails fast: the first {@code feed} that returns {@code false} is the one holding the first byte
 * after which no valid text can continue.
 *
 * <p>Input, as {@link FuzzedDataProvider} reads it (choices from the end): the last byte, the
 * buffer kind ({@link Reads}); the 8 bytes before, the seed of the fuzzer's cut; everything before
 * that, the bytes validated.
 */
class Utf8ValidatorFuzzTest {

    @FuzzTest
    void validatorAgreesWithTheJdkDecoderHoweverTheBytesAreCut(FuzzedDataProvider data) {
        Reads reads = Reads.pickedBy(data.consumeByte(), false);
        long cutSeed = data.consumeLong();
        byte[] bytes = data.consumeRemainingAsBytes();

        int firstBadByte = firstBadByte(bytes);
        boolean valid = firstBadByte < 0 && isValidPerJdk(bytes);
        ByteBuffer all = reads.wrap(bytes);
        assertEquals(valid, Utf8Validator.isValid(all, all.position(), all.limit()), "isValid");
        for (List<byte[]> cut : Cuts.all(bytes, cutSeed)) {
            Utf8Validator validator = new Utf8Validator();
            int at = 0;
            boolean rejected = false;
            for (byte[] piece : cut) {
                ByteBuffer in = reads.wrap(piece);
                boolean accepted = validator.feed(in, in.position(), in.limit());
                if (!accepted && !rejected) {
                    int pieceStart = at;
                    assertTrue(firstBadByte >= pieceStart && firstBadByte < pieceStart + piece.length,
                            () -> "rejected in the piece at " + pieceStart + " but the first bad byte is " + firstBadByte);
                    rejected = true;
                }
                assertEquals(rejected, !accepted, "a rejection must stick until reset");
                at += piece.length;
            }
            assertEquals(firstBadByte >= 0, rejected, "rejected some piece");
            assertEquals(valid, validator.isComplete(), "complete at the end");
            validator.reset();
            assertTrue(validator.isComplete() && validator.feed(ByteBuffer.wrap(new byte[] {'o', 'k'}), 0, 2), "reset forgets the message");
        }
    }

    /**
     * The index of the first byte after which no valid UTF-8 can continue, by the JDK, or -1.
     * The JDK consumes whole characters and stops at the first malformed or unfinished one, but
     * reports some malformed sequences only once they are complete ({@code E0 80} needs a third
     * byte), so the next four bytes are tried one longer prefix at a time.
     */
    private static int firstBadByte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        reportingDecoder().decode(in, CharBuffer.allocate(bytes.length + 1), false);
        int start = in.position();
        for (int end = start + 1; end <= Math.min(bytes.length, start + 4); end++) {
            if (!canBeCompleted(bytes, start, end)) {
                return end - 1;
            }
        }
        return -1;
    }

    /**
     * Whether {@code bytes[start, end)} starts some valid UTF-8: a continuation byte from each
     * second-byte range of RFC 3629 §4 ({@code 80}, {@code 90}, {@code A0}), then up to two more
     * continuation bytes, completes any sequence that can still be completed.
     */
    private static boolean canBeCompleted(byte[] bytes, int start, int end) {
        for (int second : new int[] {0x80, 0x90, 0xA0}) {
            for (int added = 0; added <= 3; added++) {
                byte[] candidate = Arrays.copyOfRange(bytes, start, end + added);
                for (int i = end - start; i < candidate.length; i++) {
                    candidate[i] = (byte) (i == end - start ? second : 0x80);
                }
                if (isValidPerJdk(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isValidPerJdk(byte[] bytes) {
        CharsetDecoder jdk = reportingDecoder();
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return !jdk.decode(in, out, true).isError() && !jdk.flush(out).isError() && !in.hasRemaining();
    }

    private static CharsetDecoder reportingDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
