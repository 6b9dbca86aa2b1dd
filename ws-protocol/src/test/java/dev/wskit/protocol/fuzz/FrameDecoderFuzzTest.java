package dev.wskit.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.frame.FrameDecoder;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.Masking;
import dev.wskit.protocol.frame.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Jazzer target for {@link FrameDecoder} (RFC 6455 §5.2) in both roles. Whatever the bytes and
 * however they are cut, the decoder takes the same steps, fails only with one of its own frame
 * rules, allocates nothing while it succeeds, and every frame it accepts encodes back to exactly
 * the bytes it came from (so lengths, masking keys and unmasking are all read right).
 *
 * <p>Input, as {@link FuzzedDataProvider} reads it (choices from the end): last byte bit 0, the
 * receiving role (0 server, 1 client); the byte before, bit 0, whether RSV1 is allowed (as under
 * permessage-deflate); the byte before, the buffer kind ({@link Reads}); the 8 bytes before, the
 * seed of the fuzzer's cut; everything before that, the wire bytes.
 */
class FrameDecoderFuzzTest {
    private static final int MAX_FRAME_PAYLOAD = 64 * 1024;
    /**
     * A successful step allocates nothing. While fuzzing, Jazzer's hooks on comparisons and
     * switches allocate a few bytes in the decoder's own code, so a little is allowed then; a
     * copy of any payload would still show.
     */
    private static final long STEP_ALLOCATION_ALLOWANCE = System.getenv("JAZZER_FUZZ") == null ? 0 : 1024;

    static {
        // Masking's word access goes through VarHandles, which the JVM links on first use (an
        // allocation, once per JVM, not per step): link both paths before any step is measured.
        for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.allocate(64), ByteBuffer.allocateDirect(64)}) {
            Masking.maskInPlace(buffer, 0, 64, 0x37fa213d, 0);
        }
    }
    private static final Set<ProtocolViolation> FRAME_RULES = EnumSet.of(
            ProtocolViolation.UNMASKED_CLIENT_FRAME, ProtocolViolation.MASKED_SERVER_FRAME,
            ProtocolViolation.RESERVED_BITS_SET, ProtocolViolation.RESERVED_OPCODE,
            ProtocolViolation.PAYLOAD_LENGTH_TOP_BIT_SET, ProtocolViolation.NON_MINIMAL_LENGTH,
            ProtocolViolation.FRAGMENTED_CONTROL_FRAME, ProtocolViolation.CONTROL_FRAME_TOO_LONG,
            ProtocolViolation.FRAME_TOO_BIG);

    @FuzzTest
    void decoderTakesTheSameStepsHoweverTheBytesAreCut(FuzzedDataProvider data) {
        Role receiver = data.consumeBoolean() ? Role.CLIENT : Role.SERVER;
        boolean rsv1Allowed = data.consumeBoolean();
        // A server unmasks in place, so its decoder is only ever given writable buffers.
        Reads reads = Reads.pickedBy(data.consumeByte(), true);
        long cutSeed = data.consumeLong();
        byte[] wire = data.consumeRemainingAsBytes();

        List<List<byte[]>> cuts = Cuts.all(wire, cutSeed);
        List<String> steps = new Decoding(receiver, rsv1Allowed, wire).run(cuts.get(0), reads);
        for (List<byte[]> cut : cuts.subList(1, cuts.size())) {
            assertEquals(steps, new Decoding(receiver, rsv1Allowed, wire).run(cut, reads));
        }
    }

    /** One pass of a fresh decoder over one cut, recording its steps as lines. */
    private static final class Decoding {
        private final Role receiver;
        private final FrameDecoder decoder;
        private final int allowedRsvBits;
        private final byte[] wire;
        private final List<String> steps = new ArrayList<>();
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        /** Bytes of the whole input consumed so far, and where the current frame began. */
        private int consumed;
        private int frameStart;

        Decoding(Role receiver, boolean rsv1Allowed, byte[] wire) {
            this.receiver = receiver;
            this.decoder = new FrameDecoder(receiver, MAX_FRAME_PAYLOAD);
            this.allowedRsvBits = rsv1Allowed ? FrameHeader.B0_RSV1 : 0;
            if (rsv1Allowed) {
                decoder.allowReservedBits(FrameHeader.B0_RSV1);
            }
            this.wire = wire;
        }

        List<String> run(List<byte[]> pieces, Reads reads) {
            for (byte[] piece : pieces) {
                ByteBuffer in = reads.wrap(piece);
                try {
                    decodeAll(in);
                } catch (WebSocketException e) {
                    assertTrue(FRAME_RULES.contains(e.violation()), () -> "not a frame rule: " + e);
                    steps.add("violation " + e.violation());
                    return steps;
                }
            }
            if (decoder.payloadRemaining() > 0 || payload.size() > 0) {
                steps.add("cut short after " + payload.size() + " payload bytes");
            }
            return steps;
        }

        private void decodeAll(ByteBuffer in) {
            while (true) {
                int before = in.position();
                long allocated = Allocations.byThisThread();
                long classes = Allocations.classesLoaded();
                FrameDecoder.Step step = decoder.next(in);
                if (Allocations.classesLoaded() == classes) {
                    // The decoder works in the caller's buffer and its own fixed header array.
                    long stepAllocated = Allocations.byThisThread() - allocated;
                    assertTrue(stepAllocated <= STEP_ALLOCATION_ALLOWANCE, () -> stepAllocated + " bytes allocated by one step");
                }
                consumed += in.position() - before;
                switch (step) {
                    case NEED_MORE -> {
                        assertFalse(in.hasRemaining(), "NEED_MORE with bytes left");
                        return;
                    }
                    case HEADER -> header();
                    case PAYLOAD -> payload(in, before);
                    case FRAME_END -> frameEnd();
                }
            }
        }

        private void header() {
            int opcode = decoder.opcode();
            long length = decoder.payloadLength();
            assertTrue(Opcode.isDefined(opcode), "undefined opcode accepted");
            assertEquals(0, decoder.rsvBits() & ~allowedRsvBits, "RSV bits accepted without an extension");
            assertEquals(receiver == Role.SERVER, decoder.masked(), "masking accepted from the wrong role");
            assertTrue(length >= 0 && length <= MAX_FRAME_PAYLOAD, () -> "payload length accepted: " + length);
            if (Opcode.isControl(opcode)) {
                assertTrue(decoder.fin() && length <= FrameHeader.MAX_CONTROL_PAYLOAD, "bad control frame accepted");
            }
            frameStart = consumed - FrameHeader.headerLength(length, decoder.masked());
            steps.add("header fin=" + decoder.fin() + " rsv=" + decoder.rsvBits() + " opcode=" + opcode
                    + " masked=" + decoder.masked() + " key=" + decoder.maskingKey() + " length=" + length);
        }

        private void payload(ByteBuffer in, int before) {
            assertEquals(before, decoder.chunkStart(), "payload piece does not start at the position");
            assertEquals(in.position(), decoder.chunkEnd(), "payload piece does not end at the new position");
            assertTrue(decoder.chunkEnd() > decoder.chunkStart(), "empty payload step");
            byte[] piece = new byte[decoder.chunkEnd() - decoder.chunkStart()];
            in.get(decoder.chunkStart(), piece);
            payload.writeBytes(piece);
            assertTrue(payload.size() <= decoder.payloadLength(), "more payload than the header announced");
        }

        /** Re-encodes the frame and compares it with the bytes it was decoded from. */
        private void frameEnd() {
            byte[] unmasked = payload.toByteArray();
            payload.reset();
            assertEquals(decoder.payloadLength(), unmasked.length, "payload length");
            // A client masks, with the next key its random source gives: here, the key just read.
            int key = decoder.maskingKey();
            Random sameKey = new Random() {
                @Override
                public int nextInt() {
                    return key;
                }
            };
            ByteBuffer encoded = new FrameEncoder(decoder.masked() ? Role.CLIENT : Role.SERVER, sameKey)
                    .encode(decoder.fin(), decoder.rsvBits(), decoder.opcode(), ByteBuffer.wrap(unmasked));
            assertArrayEquals(Arrays.copyOfRange(wire, frameStart, consumed), encoded.array(), "frame re-encoded");
            steps.add("frame end " + Arrays.hashCode(unmasked));
        }
    }
}
