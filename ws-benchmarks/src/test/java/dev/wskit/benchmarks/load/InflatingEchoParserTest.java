package dev.wskit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.testkit.Compressible;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compressed echo checker, on the frames the tool's own compressor writes as a raw TCP echo
 * returns them: it accepts them however the bytes are split, with or without the compressor's
 * context kept between messages, and a server's echo in fragments or uncompressed; it rejects a
 * reordered message, an altered compressed byte, and an agreement the offer did not allow.
 * (That it decodes other stacks' compressors, Netty's, Vert.x's and wskit's, is the compressed
 * smoke run of {@link LoadToolSmokeTest}.)
 */
class InflatingEchoParserTest {

    @ParameterizedTest
    @ValueSource(ints = {8, 3000, 65536})
    void acceptsCompressedMessagesSplitAnywhere(int size) {
        for (DeflateAgreement agreement : new DeflateAgreement[] {
                DeflateAgreement.RAW, DeflateAgreement.parse("permessage-deflate; client_no_context_takeover")}) {
            MessageTemplate template = template(size);
            ByteBuffer frames = frames(template, agreement, 0, 1, 2);
            for (int piece : new int[] {1, 7, frames.remaining()}) {
                List<Long> seen = new ArrayList<>();
                InflatingEchoParser parser = new InflatingEchoParser(template, true, seen::add);
                ByteBuffer all = frames.duplicate();
                while (all.hasRemaining()) {
                    ByteBuffer chunk = all.slice();
                    chunk.limit(Math.min(piece, chunk.remaining()));
                    all.position(all.position() + chunk.remaining());
                    parser.consume(chunk);
                }
                parser.end();
                assertThat(seen).containsExactly(0L, 1L, 2L);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3000, 65536})
    void rejectsAMessageOutOfOrder(int size) {
        MessageTemplate template = template(size);
        // Message 1 first: a whole compressed message that inflates, but is not message 0.
        ByteBuffer second = frames(template, DeflateAgreement.RAW, 1);
        InflatingEchoParser parser = new InflatingEchoParser(template, true, sequence -> { });
        assertThatThrownBy(() -> parser.consume(second)).isInstanceOf(EchoMismatch.class).hasMessageContaining("sequence 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {3000, 65536})
    void rejectsAnAlteredCompressedByte(int size) {
        MessageTemplate template = template(size);
        ByteBuffer frame = frames(template, DeflateAgreement.RAW, 0);
        int middle = frame.limit() / 2;
        frame.put(middle, (byte) (frame.get(middle) ^ 0x10));
        InflatingEchoParser parser = new InflatingEchoParser(template, true, sequence -> { });
        assertThatThrownBy(() -> parser.consume(frame)).isInstanceOf(EchoMismatch.class);
    }

    /** A server's echo in two frames (RSV1 on the first only, RFC 7692 §6.1), then one sent uncompressed (§6). */
    @ParameterizedTest
    @ValueSource(ints = {3000, 65536})
    void acceptsAServersFragmentedEchoAndAnUncompressedOne(int size) {
        MessageTemplate template = template(size);
        byte[] compressed = unmaskedPayload(frames(template, DeflateAgreement.RAW, 0));
        int half = compressed.length / 2;
        byte[] plain = template.expectedPayload(false).clone();
        MessageTemplate.writeSequence(plain, 1);
        ByteBuffer echoes = ByteBuffer.allocate(3 * 14 + compressed.length + plain.length);
        serverFrame(echoes, 0x40 | template.opcode(), Arrays.copyOfRange(compressed, 0, half));
        serverFrame(echoes, 0x80, Arrays.copyOfRange(compressed, half, compressed.length));
        serverFrame(echoes, 0x80 | template.opcode(), plain);
        List<Long> seen = new ArrayList<>();
        new InflatingEchoParser(template, false, seen::add).consume(echoes.flip());
        assertThat(seen).containsExactly(0L, 1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"permessage-deflate; client_max_window_bits=10", "permessage-deflate; unknown", "x-webkit-deflate-frame"})
    void refusesAnAgreementTheOfferDidNotAllow(String extensions) {
        assertThatThrownBy(() -> DeflateAgreement.parse(extensions)).isInstanceOf(EchoMismatch.class);
    }

    private static MessageTemplate template(int size) {
        return new MessageTemplate(Compressible.text(size).getBytes(StandardCharsets.US_ASCII), true);
    }

    private static ByteBuffer frames(MessageTemplate template, DeflateAgreement agreement, long... sequences) {
        DeflatingWriter writer = new DeflatingWriter(template, agreement);
        ByteBuffer out = ByteBuffer.allocate(sequences.length * writer.maxFrameLength());
        for (long sequence : sequences) {
            writer.writeFrame(out, sequence);
        }
        writer.end();
        return out.flip();
    }

    /** The payload of the one masked frame in {@code frame}, unmasked. */
    private static byte[] unmaskedPayload(ByteBuffer frame) {
        frame.get();
        int length7 = frame.get() & 0x7f;
        int length = length7 == 126 ? frame.getShort() & 0xffff : length7 == 127 ? (int) frame.getLong() : length7;
        byte[] key = new byte[4];
        frame.get(key);
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (frame.get() ^ key[i & 3]);
        }
        return payload;
    }

    /** Appends a server's frame (unmasked, RFC 6455 §5.1) of {@code payload}, its length encoded the shortest way (§5.2). */
    private static void serverFrame(ByteBuffer out, int first, byte[] payload) {
        out.put((byte) first);
        if (payload.length <= 125) {
            out.put((byte) payload.length);
        } else if (payload.length <= 0xffff) {
            out.put((byte) 126).putShort((short) payload.length);
        } else {
            out.put((byte) 127).putLong(payload.length);
        }
        out.put(payload);
    }
}
