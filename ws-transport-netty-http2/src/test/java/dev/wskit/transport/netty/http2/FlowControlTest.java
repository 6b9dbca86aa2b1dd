package dev.wskit.transport.netty.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.Routes;
import dev.wskit.testkit.kit.Http2Peer;
import dev.wskit.testkit.kit.Http2PeerStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 flow control is the WebSocket's backpressure (RFC 9113 §5.2): what the peer's stream
 * window holds back counts as unwritten, as what a full TCP window holds does on HTTP/1.1, so the
 * handler hears {@code onDrain} only once the peer reads.
 */
class FlowControlTest {
    private static final int FLOOD_BYTES = 256 * 1024;

    private final BlockingQueue<String> floodEvents = new LinkedBlockingQueue<>();
    private NettyHttp2WebSocketServer server;
    private Http2Peer client;

    /** Sends more than a stream's first window (65,535 bytes, RFC 9113 §6.9.2) at once. */
    private final WebSocketHandler flood = new WebSocketHandler() {
        @Override
        public void onOpen(WebSocket socket) {
            floodEvents.add("open");
            socket.sendBinary(ByteBuffer.allocate(FLOOD_BYTES));
        }

        @Override
        public void onDrain(WebSocket socket) {
            floodEvents.add("drain");
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = NettyHttp2WebSocketServer.builder().host("127.0.0.1").port(0)
                .upgrade(Routes.builder().exact("/flood", () -> flood).exact("/echo", EchoRecorder::new).build())
                .build().start();
        client = Http2Peer.connect(server.port(), null).widenConnectionWindow(1 << 20);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theHandlerDrainsOnlyOnceThePeerReadsItsStream() throws Exception {
        Http2PeerStream flooded = client.openNotReading();
        flooded.send(Http2PeerStream.webSocketRequest("/flood"), false);
        assertThat(floodEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("open");
        // A round trip on another stream of the connection, after the flood was written: its
        // window, not the connection's, holds the rest back.
        Http2PeerStream other = client.open();
        assertThat(other.connect("/echo")).isEqualTo("200");
        other.sendFrame(true, 0x1, "after the flood".getBytes(StandardCharsets.UTF_8));
        assertThat(other.nextFrame().text()).isEqualTo("after the flood");
        assertThat(floodEvents).isEmpty();

        flooded.startReading();

        assertThat(flooded.status()).isEqualTo("200");
        assertThat(flooded.nextFrame().payload()).hasSize(FLOOD_BYTES);
        assertThat(floodEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("drain");
    }
}
