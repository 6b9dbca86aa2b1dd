package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test 7: a peer that never reads cannot make the server buffer without bound; past
 * {@code maxOutboundBytes} its connection is dropped (1006), and other connections go on.
 */
@ExtendWith(VertxExtension.class)
class SlowReaderTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;
    private static final long LIMIT = Payloads.MIB;
    private static final int CHUNK = 64 * 1024;

    /** Answers "flood" by sending 64 KiB messages for as long as the connection stays open. */
    static final class FloodingHandler extends EchoHandler {
        final AtomicLong mostPending = new AtomicLong();
        final AtomicLong sent = new AtomicLong();

        @Override
        public void onText(WebSocket socket, String text) {
            if (!text.equals("flood")) {
                super.onText(socket, text);
                return;
            }
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            while (socket.state() == ConnectionState.OPEN && sent.get() < 10_000) {
                mostPending.accumulateAndGet(socket.pendingOutboundBytes(), Math::max);
                socket.sendBinary(chunk.duplicate());
                sent.incrementAndGet();
            }
        }
    }

    @Test
    void peerThatNeverReadsIsDroppedOnceOutboundPassesTheLimit(Vertx vertx) throws Exception {
        FloodingHandler flooded = new FloodingHandler();
        EchoHandler healthyHandler = new EchoHandler();
        java.util.concurrent.BlockingQueue<EchoHandler> handlers = new java.util.concurrent.LinkedBlockingQueue<>();
        handlers.add(flooded);
        handlers.add(healthyHandler);
        VertxWebSocketServer server = VertxWebSocketServer.builder(vertx)
                .config(WebSocketConfig.builder().maxOutboundBytes(LIMIT).build())
                .handler(handlers::remove)
                .build().listen().await(T, TimeUnit.SECONDS);

        try (RawPeer slow = new RawPeer(server.port())) {
            slow.socket.setReceiveBufferSize(4096);
            assertThat(slow.upgrade()).startsWith("HTTP/1.1 101 ");
            WebSocketClient vertxClient = vertx.createWebSocketClient();
            VertxPeer healthy = VertxPeer.connect(vertxClient, server.port(), "/");

            slow.write(RawPeer.frame(0x81, "flood".getBytes(StandardCharsets.UTF_8), true));

            assertThat(flooded.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("1006 ");
            // Bounded: never more than the limit plus the one message that crossed it.
            assertThat(flooded.mostPending.get()).isLessThanOrEqualTo(LIMIT + CHUNK + 14);
            assertThat(flooded.sent.get()).isLessThan(10_000);

            healthy.socket.writeTextMessage("unaffected");
            assertThat(healthy.next()).isEqualTo("unaffected");
            vertxClient.close().await(T, TimeUnit.SECONDS);
        }
        server.shutdown().await(T, TimeUnit.SECONDS);
    }
}
