package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Test 4: peers that break the rules get exact answers, and a healthy neighbour keeps echoing. */
class BadPeerTest {
    private static final BlockingQueue<String> serverEvents = EchoHandler.newEventQueue();
    private static NettyWebSocketServer server;
    private static NettyWebSocketClient client;
    private static Recorder healthyEvents;
    private static WebSocket healthy;

    @BeforeAll
    static void start() throws IOException {
        server = NettyWebSocketServer.builder()
                .config(WebSocketConfig.builder().handshakeTimeout(Duration.ofMillis(300)).maxFramePayload(1024).build())
                .handler(() -> new EchoHandler(serverEvents))
                .build()
                .start();
        client = NettyWebSocketClient.builder().build();
        healthyEvents = new Recorder();
        healthy = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/healthy"), healthyEvents)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void healthyConnectionStillEchoes() throws InterruptedException {
        healthy.sendText("still here");
        assertThat(healthyEvents.next()).isEqualTo("still here");
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(2));
        client.close();
    }

    @Test
    void aStalledHalfHandshakeIsDroppedAfterTheHandshakeTimeout() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertThatThrownBy(() -> peer.in.read()).as("reset, no response")
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("? error:HANDSHAKE_TIMEOUT");
    }

    @Test
    void anUnmaskedFrameGetsExactlyA1002CloseAndThenEof() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.handshake("/unmasked")).startsWith("HTTP/1.1 101 ");
            peer.send(new byte[] {(byte) 0x81, 0x05, 'H', 'e', 'l', 'l', 'o'});
            byte[] header = peer.readExactly(2);
            assertThat(header[0] & 0xff).isEqualTo(0x88);
            byte[] payload = peer.readExactly(header[1]);
            assertThat(HexFormat.of().formatHex(payload, 0, 2)).isEqualTo("03ea");
            assertThat(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)).isEqualTo("client frames must be masked");
            assertThat(peer.in.read()).isEqualTo(-1);
        }
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/unmasked error:UNMASKED_CLIENT_FRAME");
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/unmasked close:1002:");
    }

    @Test
    void aFrameAboveMaxFramePayloadGets1009() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.handshake("/too-big");
            // A masked binary frame header announcing 2048 bytes (16-bit length), above the 1024 limit.
            peer.send(new byte[] {(byte) 0x82, (byte) 0xfe, 0x08, 0x00, 0x11, 0x22, 0x33, 0x44});
            assertThat(closeCodeOf(peer)).isEqualTo("03f1");
            assertThat(peer.in.read()).isEqualTo(-1);
        }
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/too-big error:FRAME_TOO_BIG");
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/too-big close:1009:");
    }

    @Test
    void invalidUtf8TextGets1007() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.handshake("/bad-utf8");
            peer.send(RawPeer.maskedFrame(0x81, new byte[] {(byte) 0xc3, 0x28}));
            assertThat(closeCodeOf(peer)).isEqualTo("03ef");
            assertThat(peer.in.read()).isEqualTo(-1);
        }
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/bad-utf8 error:INVALID_UTF8");
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/bad-utf8 close:1007:");
    }

    @Test
    void aHandshakeWithVersion12Gets426NamingVersion13() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.upgradeRequest("/v12", "12"));
            String head = peer.readHead();
            assertThat(head).startsWith("HTTP/1.1 426 ").contains("\r\nSec-WebSocket-Version: 13\r\n");
            // Returns only at EOF: a server that kept the connection open fails on the 10 s read timeout.
            peer.in.readAllBytes();
        }
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/v12 error:UNSUPPORTED_VERSION");
    }

    @Test
    void aPeerThatStopsMidFrameAndDisconnectsLeavesAbnormalClosure() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.handshake("/mid-frame");
            byte[] frame = RawPeer.maskedFrame(0x81, "Hello".getBytes(StandardCharsets.US_ASCII));
            peer.send(java.util.Arrays.copyOf(frame, 8));
        }
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/mid-frame close:1006:");
    }

    /** Reads one close frame and returns its code as hex. */
    private static String closeCodeOf(RawPeer peer) throws Exception {
        byte[] header = peer.readExactly(2);
        assertThat(header[0] & 0xff).isEqualTo(0x88);
        assertThat(header[1] & 0x80).as("server frames are not masked").isZero();
        byte[] payload = peer.readExactly(header[1]);
        return HexFormat.of().formatHex(payload, 0, 2);
    }
}
