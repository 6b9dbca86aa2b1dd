package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that send and never read: the server's memory stays bounded, the peer is dropped, and the
 * other connections carry on.
 */
@Timeout(60)
class SlowReaderTest {
    private static final int MAX_OUTBOUND = 1024 * 1024;
    /** With its 4-byte header (RFC 6455 §5.2, 16-bit length) a frame of exactly 65 530 bytes. */
    private static final int PAYLOAD = 65_526;

    @Test
    void dropsAPeerThatNeverReadsOnceAWriteBlocksForTheWriteTimeout() throws Exception {
        BlockingQueue<RecordingHandler> handlers = new LinkedBlockingQueue<>();
        try (BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .writeTimeout(Duration.ofMillis(500))
                .handler(() -> {
                    RecordingHandler h = RecordingHandler.echoing();
                    handlers.add(h);
                    return h;
                })
                .build().start();
             BlockingWebSocketClient client = BlockingWebSocketClient.builder().build();
             RawPeer slow = RawPeer.connectWithSmallReceiveBuffer(server.port())) {
            slow.upgrade();
            RecordingHandler slowSide = handlers.poll(10, TimeUnit.SECONDS);
            RecordingHandler healthy = RecordingHandler.recording();
            WebSocket healthySocket = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), healthy);

            // The slow peer writes until the server, blocked echoing to it, stops reading and drops it.
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> writeUntilDropped(slow));
            assertThat(slowSide.nextEvent()).isEqualTo("open");
            assertThat(slowSide.nextClose()).isEqualTo("close:1006:");
            long sent = written.get(20, TimeUnit.SECONDS);
            // Bounded: what the server took in is what the kernel buffers hold, not all the peer wanted to send.
            assertThat(sent).isLessThan(64L * PAYLOAD * 1000);

            healthySocket.sendText("unaffected");
            assertThat(healthy.nextMessage()).isEqualTo("unaffected");
        }
    }

    @Test
    void dropsAConnectionOnceSendsQueueMoreThanMaxOutboundBytes() throws Exception {
        CompletableFuture<Integer> acceptedSends = new CompletableFuture<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        try (BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .config(WebSocketConfig.builder().maxOutboundBytes(MAX_OUTBOUND).build())
                .handler(() -> new RecordingHandler(false) {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        // Inside a callback nothing is written until it returns: the queue only grows.
                        int accepted = 0;
                        // Once the connection is gone, sends are refused (false).
                        while (accepted < 100 && socket.sendBinary(ByteBuffer.allocate(PAYLOAD))) {
                            accepted++;
                        }
                        acceptedSends.complete(accepted);
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        closed.complete(code + ":" + reason);
                    }
                })
                .build().start();
             RawPeer peer = RawPeer.upgraded(server.port())) {
            peer.write(RawPeer.masked(0x81, "flood".getBytes(StandardCharsets.UTF_8)));
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo("1006:");
            // 16 frames of 65 530 bytes fit in 1 MiB; the 17th went over and dropped the connection.
            assertThat(acceptedSends.get(10, TimeUnit.SECONDS)).isEqualTo(17);
            // Nothing of the flood was written: the queue was dropped, and the socket with it.
            assertThat(readToEndOrReset(peer)).isEmpty();
        }
    }

    private static byte[] readToEndOrReset(RawPeer peer) {
        try {
            return peer.readToEnd();
        } catch (IOException reset) {
            return new byte[0];
        }
    }

    private static long writeUntilDropped(RawPeer peer) {
        byte[] frame = RawPeer.masked(0x82, new byte[PAYLOAD]);
        long sent = 0;
        try {
            for (int i = 0; i < 64_000; i++) {
                peer.write(frame);
                sent += frame.length;
            }
        } catch (IOException dropped) {
            return sent;
        }
        throw new AssertionError("the server never dropped a peer that does not read");
    }
}
