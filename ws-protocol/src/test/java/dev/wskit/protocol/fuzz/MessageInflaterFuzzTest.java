package dev.wskit.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.internal.MessageInflater;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer target for {@link MessageInflater} (RFC 7692 §7.2.2) with a sink that enforces a
 * message limit, as the engine's does. Any compressed payload, cut any way, either inflates to
 * the same bytes, or fails with {@link ProtocolViolation#INVALID_COMPRESSED_DATA} or the sink's
 * limit and nothing else; what came out before a failure is the start of the same stream; and
 * however far a payload inflates, the inflater's own allocations stay small.
 *
 * <p>Input, as {@link FuzzedDataProvider} reads it (choices from the end): the last byte, the
 * buffer kind ({@link Reads}); the 8 bytes before, the seed of the fuzzer's cut; everything
 * before that, the compressed payload of one message, without the tail {@code 00 00 ff ff}.
 */
class MessageInflaterFuzzTest {
    private static final int LIMIT = 64 * 1024;
    /** The inflater's pieces are views of one fixed buffer; this leaves room for small change. */
    private static final long MAX_ALLOCATION_PER_CALL = 16 * 1024;

    @FuzzTest
    void inflaterGivesTheSameBytesOrADefinedFailureHoweverThePayloadIsCut(FuzzedDataProvider data) {
        Reads reads = Reads.pickedBy(data.consumeByte(), false);
        long cutSeed = data.consumeLong();
        byte[] compressed = data.consumeRemainingAsBytes();

        List<List<byte[]>> cuts = Cuts.all(compressed, cutSeed);
        Inflation whole = inflate(cuts.get(0), reads);
        for (List<byte[]> cut : cuts.subList(1, cuts.size())) {
            Inflation other = inflate(cut, reads);
            if (whole.failure() == null || other.failure() == null) {
                assertEquals(whole.failure(), other.failure(), "outcome");
                assertArrayEquals(whole.inflated(), other.inflated(), "inflated bytes");
            } else {
                // zlib drops the output of the call that meets bad data, so failures may come
                // after more or fewer bytes, and a limit may be met before the bad data or not.
                byte[] shorter = whole.inflated().length <= other.inflated().length ? whole.inflated() : other.inflated();
                byte[] longer = shorter == whole.inflated() ? other.inflated() : whole.inflated();
                assertArrayEquals(shorter, Arrays.copyOf(longer, shorter.length), "inflated bytes before the failure");
            }
        }
    }

    /** What came out, and {@code null} or the name of the failure. */
    private record Inflation(byte[] inflated, String failure) {
    }

    private static Inflation inflate(List<byte[]> pieces, Reads reads) {
        MessageInflater inflater = new MessageInflater(false);
        LimitedSink sink = new LimitedSink();
        try {
            for (byte[] piece : pieces) {
                ByteBuffer in = reads.wrap(piece);
                long before = Allocations.byThisThread();
                long classes = Allocations.classesLoaded();
                inflater.inflate(in, in.position(), in.limit(), sink);
                checkAllocation(before, classes);
            }
            long before = Allocations.byThisThread();
            long classes = Allocations.classesLoaded();
            inflater.finishMessage(sink);
            checkAllocation(before, classes);
            return new Inflation(sink.inflated(), null);
        } catch (WebSocketException e) {
            assertEquals(ProtocolViolation.INVALID_COMPRESSED_DATA, e.violation());
            return new Inflation(sink.inflated(), e.violation().name());
        } catch (MessageTooBig e) {
            return new Inflation(sink.inflated(), "limit");
        } finally {
            inflater.release();
        }
    }

    private static void checkAllocation(long before, long classes) {
        long allocated = Allocations.byThisThread() - before;
        assertTrue(allocated <= MAX_ALLOCATION_PER_CALL || Allocations.classesLoaded() != classes,
                () -> "one call allocated " + allocated + " bytes");
    }

    /** The sink's limit, as the engine's MESSAGE_TOO_BIG: thrown from inside the inflater's loop. */
    private static final class MessageTooBig extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MessageTooBig() {
            super(null, null, false, false);
        }
    }

    /** Copies into one array allocated up front, so that its own copies cost nothing per call. */
    private static final class LimitedSink implements MessageInflater.Sink {
        private final byte[] received = new byte[LIMIT];
        private int size;

        @Override
        public void accept(ByteBuffer inflated) {
            if (inflated.remaining() > LIMIT - size) {
                throw new MessageTooBig();
            }
            int length = inflated.remaining();
            inflated.get(received, size, length);
            size += length;
        }

        byte[] inflated() {
            return Arrays.copyOf(received, size);
        }
    }
}
