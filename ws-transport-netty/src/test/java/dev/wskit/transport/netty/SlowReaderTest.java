package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Test 7: a peer that sends and never reads is dropped once its unwritten echoes pass the limit. */
class SlowReaderTest {
    private static final int FRAME_PAYLOAD = 16 * 1024;
    /** Far above what the kernel's socket buffers absorb on loopback, so the server must buffer. */
    private static final long MAX_BYTES_SENT = 256L * 1024 * 1024;

    @Test
    void aPeerThatNeverReadsIsDroppedAndOthersKeepEchoing() throws Exception {
        BlockingQueue<String> serverEvents = EchoHandler.newEventQueue();
        // Below Netty's default high water mark (64 KiB), so the limit is reached before reading stops.
        NettyWebSocketServer server = NettyWebSocketServer.builder()
                .config(WebSocketConfig.builder().maxOutboundBytes(32 * 1024).build())
                .handler(() -> new EchoHandler(serverEvents)).build().start();
        try (NettyWebSocketClient client = NettyWebSocketClient.builder().build();
             RawPeer silent = new RawPeer(server.port())) {
            Recorder healthyEvents = new Recorder();
            WebSocket healthy = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/healthy"), healthyEvents)
                    .orTimeout(10, TimeUnit.SECONDS).join();
            silent.handshake("/silent");
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> sendUntilDropped(silent));

            assertThat(serverEvents.poll(30, TimeUnit.SECONDS)).isEqualTo("/silent error:OUTBOUND_LIMIT_EXCEEDED");
            assertThat(serverEvents.poll(30, TimeUnit.SECONDS)).isEqualTo("/silent close:1006:");
            assertThat(sent.get(30, TimeUnit.SECONDS)).isLessThan(MAX_BYTES_SENT);
            healthy.sendText("unaffected");
            assertThat(healthyEvents.next()).isEqualTo("unaffected");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void oneCallbackCannotQueuePastTheLimitEither() throws Exception {
        int messages = 100;
        CompletableFuture<Integer> accepted = new CompletableFuture<>();
        CompletableFuture<String> events = new CompletableFuture<>();
        // One text makes the handler send 100 x 64 KiB (6.4 MiB) from inside its callback: the
        // bound (1 MiB) must stop it there, not only after the read is over.
        NettyWebSocketServer server = NettyWebSocketServer.builder()
                .config(WebSocketConfig.builder().maxOutboundBytes(1024 * 1024).build())
                .handler(() -> new WebSocketHandler() {
                    private final StringBuilder seen = new StringBuilder();

                    @Override
                    public void onText(WebSocket socket, String text) {
                        int sent = 0;
                        // The send past the bound drops the peer; the ones after it are refused.
                        while (sent < messages && socket.transferBinary(ByteBuffer.allocate(64 * 1024))) {
                            sent++;
                        }
                        accepted.complete(sent);
                    }

                    @Override
                    public void onError(WebSocket socket, WebSocketException error) {
                        seen.append("error:").append(error.violation()).append(';');
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        seen.append("close:").append(code).append(';');
                        events.complete(seen.toString());
                    }
                }).build().start();
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.handshake("/flood");
            peer.send(RawPeer.maskedFrame(0x81, "go".getBytes(StandardCharsets.US_ASCII)));
            assertThat(accepted.get(10, TimeUnit.SECONDS)).as("sends accepted before the drop").isBetween(1, 17);
            assertThat(events.get(10, TimeUnit.SECONDS))
                    .isEqualTo("error:OUTBOUND_LIMIT_EXCEEDED;close:1006;");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** Writes masked 16 KiB binary frames until the server drops us; returns the bytes written. */
    private static long sendUntilDropped(RawPeer peer) {
        byte[] frame = new byte[8 + FRAME_PAYLOAD];
        frame[0] = (byte) 0x82;
        frame[1] = (byte) (0x80 | 126);
        frame[2] = (byte) (FRAME_PAYLOAD >> 8);
        frame[3] = (byte) FRAME_PAYLOAD;
        System.arraycopy(RawPeer.MASK, 0, frame, 4, 4);
        long sent = 0;
        try {
            while (sent < MAX_BYTES_SENT) {
                peer.send(frame);
                sent += frame.length;
            }
        } catch (IOException droppedByServer) {
            return sent;
        }
        return sent;
    }
}
