package dev.wskit.protocol.extension.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The zlib state of a permessage-deflate connection exists only while it is needed (RFC 7692
 * §7.1.1 says when it may go), and a window below 15 bits is kept by compressing with literals
 * alone (RFC 7692 §7.1.2).
 */
class ZlibStateTest {
    private static final byte[] TEXT = "{\"event\":\"price-update\",\"symbol\":\"WSK\"}\n".repeat(40)
            .getBytes(StandardCharsets.US_ASCII);

    private static byte[] compress(MessageDeflater deflater, byte[] message) {
        ByteBuffer out = deflater.compress(ByteBuffer.wrap(message), true);
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static byte[] inflate(MessageInflater inflater, byte[] compressed) {
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        inflater.inflate(ByteBuffer.wrap(compressed), 0, compressed.length, b -> {
            byte[] piece = new byte[b.remaining()];
            b.get(piece);
            inflated.writeBytes(piece);
        });
        inflater.finishMessage(b -> {
            byte[] piece = new byte[b.remaining()];
            b.get(piece);
            inflated.writeBytes(piece);
        });
        return inflated.toByteArray();
    }

    @Test
    void aDeflaterHoldsNoStateUntilItsFirstMessage() {
        MessageDeflater deflater = new MessageDeflater(-1, false, 0);
        assertThat(deflater.holdsState()).isFalse();
        compress(deflater, TEXT);
        assertThat(deflater.holdsState()).as("context takeover keeps the window").isTrue();
        deflater.release();
        assertThat(deflater.holdsState()).isFalse();
        assertThatThrownBy(() -> compress(deflater, TEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withNoContextTakeoverTheStateGoesAfterEachMessageAndEachMessageIsTheSame() {
        MessageDeflater deflater = new MessageDeflater(-1, true, 0);
        MessageInflater inflater = new MessageInflater(true);
        byte[] first = compress(deflater, TEXT);
        assertThat(deflater.holdsState()).isFalse();
        assertThat(inflate(inflater, first)).isEqualTo(TEXT);
        assertThat(inflater.holdsState()).isFalse();
        byte[] second = compress(deflater, TEXT);
        assertThat(second).isEqualTo(first);
        assertThat(inflate(inflater, second)).isEqualTo(TEXT);
    }

    @Test
    void anInflaterKeepsItsStateWhileThePeerKeepsItsWindow() {
        MessageDeflater deflater = new MessageDeflater(-1, false, 0);
        MessageInflater inflater = new MessageInflater(false);
        assertThat(inflater.holdsState()).isFalse();
        assertThat(inflate(inflater, compress(deflater, TEXT))).isEqualTo(TEXT);
        assertThat(inflater.holdsState()).isTrue();
        // The second message refers back into the first: it inflates only with the window kept.
        byte[] second = compress(deflater, TEXT);
        assertThat(second.length).isLessThan(TEXT.length / 20);
        assertThat(inflate(inflater, second)).isEqualTo(TEXT);
        deflater.release();
        inflater.release();
        assertThatThrownBy(() -> inflate(inflater, second)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSmallWindowIsKeptWithLiteralsAlone() {
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        byte[] twice = Arrays.copyOf(noise, 8192);
        System.arraycopy(noise, 0, twice, 4096, 4096);

        byte[] fullWindow = compress(new MessageDeflater(-1, false, 15), twice);
        byte[] nineBits = compress(new MessageDeflater(-1, false, 9), twice);

        // With the full window the repeat 4096 back is one reference; without references the
        // repeat costs as much as the first time.
        assertThat(fullWindow.length).isLessThan(4096 + 200);
        assertThat(nineBits.length).isGreaterThan(8192);
        assertThat(inflate(new MessageInflater(false), nineBits)).isEqualTo(twice);
        // Text still shrinks by its letters' frequencies.
        byte[] text = compress(new MessageDeflater(-1, false, 9), TEXT);
        assertThat(text.length).isLessThan(TEXT.length * 3 / 4);
        assertThat(inflate(new MessageInflater(false), text)).isEqualTo(TEXT);
    }
}
