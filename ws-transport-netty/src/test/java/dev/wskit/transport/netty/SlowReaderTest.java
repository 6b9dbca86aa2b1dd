package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.net.URI;
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
