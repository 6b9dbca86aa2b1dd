package dev.wskit.benchmarks.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the attacker concludes from what a server sent: a close frame's code, an HTTP refusal, a
 * connection dropped without a close frame, or one still open, over a real loopback socket.
 */
class FateReaderTest {
    private static final byte[] UPGRADED = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void aCloseFrameAfterOtherFramesGivesItsCode() throws Exception {
        // A 200-byte binary frame (16-bit length), then close 1009 "too big" (RFC 6455 §5.5.1, §7.4.1).
        ByteBuffer sent = ByteBuffer.allocate(400).put(UPGRADED)
                .put(new byte[] {(byte) 0x82, 126, 0, (byte) 200}).put(new byte[200])
                .put(new byte[] {(byte) 0x88, 5, 0x03, (byte) 0xf1, 'b', 'i', 'g'});
        assertThat(fateAfter(sent.flip(), true)).isEqualTo(Fate.close(1009));
    }

    @Test
    void anHttpErrorIsTheRefusalStatus() throws Exception {
        ByteBuffer sent = ByteBuffer.wrap("HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(fateAfter(sent, true)).isEqualTo(Fate.http("431"));
    }

    @Test
    void anEndWithoutCloseFrameIsADrop() throws Exception {
        assertThat(fateAfter(ByteBuffer.wrap(UPGRADED), true)).isEqualTo(Fate.DROPPED);
    }

    @Test
    void silenceIsOpen() throws Exception {
        assertThat(fateAfter(ByteBuffer.wrap(UPGRADED), false)).isEqualTo(Fate.OPEN);
    }

    /** A server sends {@code bytes} and, if asked, ends its side; the attacker then looks. */
    private static Fate fateAfter(ByteBuffer bytes, boolean thenClose) throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept()) {
            while (bytes.hasRemaining()) {
                accepted.write(bytes);
            }
            FateReader reader = new FateReader();
            if (!thenClose) {
                return reader.read(client);
            }
            accepted.shutdownOutput();
            // Looks until the end has arrived, bounded: over loopback it takes microseconds.
            Fate fate = reader.read(client);
            for (int i = 0; i < 500 && fate.open(); i++) {
                Thread.sleep(10);
                fate = reader.read(client);
            }
            return fate;
        }
    }
}
