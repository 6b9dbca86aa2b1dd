package dev.wskit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The echo checker accepts exactly the echoes of the messages sent, in order, however the bytes
 * are split, and rejects a reordered or altered one: the load tool's "verified" means something.
 */
class EchoParserTest {

    @ParameterizedTest
    @ValueSource(ints = {8, 125, 126, 65535, 65536})
    void acceptsServerEchoesSplitAnywhere(int size) {
        MessageTemplate template = new MessageTemplate(size, false);
        ByteBuffer echoes = serverEchoes(template, 0, 1, 2);
        for (int piece : new int[] {1, 7, echoes.remaining()}) {
            List<Long> seen = new ArrayList<>();
            EchoParser parser = new EchoParser(template, false, seen::add);
            ByteBuffer all = echoes.duplicate();
            while (all.hasRemaining()) {
                ByteBuffer chunk = all.slice();
                chunk.limit(Math.min(piece, chunk.remaining()));
                all.position(all.position() + chunk.remaining());
                parser.consume(chunk);
            }
            assertThat(seen).containsExactly(0L, 1L, 2L);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 300})
    void acceptsMaskedFramesReturnedByARawEcho(int size) {
        MessageTemplate template = new MessageTemplate(size, true);
        ByteBuffer frames = ByteBuffer.allocate(2 * template.frameLength());
        template.writeFrame(frames, 0);
        template.writeFrame(frames, 1);
        List<Long> seen = new ArrayList<>();
        new EchoParser(template, true, seen::add).consume(frames.flip());
        assertThat(seen).containsExactly(0L, 1L);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 300})
    void rejectsAnEchoOutOfOrder(int size) {
        MessageTemplate template = new MessageTemplate(size, false);
        EchoParser parser = new EchoParser(template, false, sequence -> { });
        assertThatThrownBy(() -> parser.consume(serverEchoes(template, 1)))
                .isInstanceOf(EchoMismatch.class).hasMessageContaining("sequence 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 300})
    void rejectsAnAlteredPayloadByte(int size) {
        MessageTemplate template = new MessageTemplate(size, false);
        ByteBuffer echo = serverEchoes(template, 0);
        int last = echo.limit() - 1;
        echo.put(last, (byte) (echo.get(last) ^ 1));
        EchoParser parser = new EchoParser(template, false, sequence -> { });
        assertThatThrownBy(() -> parser.consume(echo)).isInstanceOf(EchoMismatch.class).hasMessageContaining("differs");
    }

    /** What a WebSocket echo server sends back: the same payloads, unmasked (RFC 6455 §5.1). */
    private static ByteBuffer serverEchoes(MessageTemplate template, long... sequences) {
        ByteBuffer out = ByteBuffer.allocate(sequences.length * template.frameLength());
        for (long sequence : sequences) {
            ByteBuffer masked = ByteBuffer.allocate(template.frameLength());
            template.writeFrame(masked, sequence);
            masked.flip();
            byte first = masked.get();
            int length7 = masked.get() & 0x7f;
            int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
            out.put(first).put((byte) length7);
            for (int i = 0; i < extended; i++) {
                out.put(masked.get());
            }
            byte[] key = new byte[4];
            masked.get(key);
            for (int i = 0; masked.hasRemaining(); i++) {
                out.put((byte) (masked.get() ^ key[i & 3]));
            }
        }
        return out.flip();
    }
}
