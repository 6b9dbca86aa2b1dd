package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.testkit.Compressible;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decompression bomb over a raw socket (RFC 7692 §8.1): a small compressed frame that
 * inflates far past the message limit gets close 1009 and EOF, and a compressed neighbour on
 * the same server keeps echoing.
 */
class DeflateBombTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final String OFFER = RawPeer.UPGRADE.replace("\r\n\r\n",
            "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
    /** 16 MiB of zeros, 256 times the limit, deflated to about 16 KB. */
    private static final byte[] BOMB = rawDeflate(new byte[16 * 1024 * 1024]);
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private static final BlockingQueue<EchoHandler> handlers = new LinkedBlockingQueue<>();
    private static Vertx vertx;
    private static VertxWebSocketServer server;
    private static VertxWebSocketClient client;
    private static RecordingHandler healthyEvents;
    private static WebSocket healthy;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        WebSocketConfig config = WebSocketConfig.builder().maxMessageSize(MAX_MESSAGE)
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        server = VertxWebSocketServer.builder(vertx).config(config)
                .handler(() -> {
                    EchoHandler h = new EchoHandler();
                    handlers.add(h);
                    return h;
                })
                .build().listen().await(T, TimeUnit.SECONDS);
        client = VertxWebSocketClient.builder(vertx).config(config).build();
        healthyEvents = new RecordingHandler();
        healthy = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/healthy"), healthyEvents)
                .await(T, TimeUnit.SECONDS);
        handlers.poll(T, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close().await(T, TimeUnit.SECONDS);
        server.close().await(T, TimeUnit.SECONDS);
        vertx.close().await(T, TimeUnit.SECONDS);
    }

    @AfterEach
    void theCompressedNeighbourStillEchoes() throws InterruptedException {
        String text = Compressible.text(MAX_MESSAGE);
        healthy.sendText(text);
        assertThat(healthyEvents.next()).isEqualTo(text);
    }

    @Test
    void aBombInOneFrameGetsClose1009AndEof() throws Exception {
        assertThat(BOMB.length).as("a small frame").isLessThan(MAX_MESSAGE);
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.write(OFFER.getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.readHead()).startsWith("HTTP/1.1 101 ").contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n");
            EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
            peer.write(masked(0xc2, BOMB));
            assertCloses1009(peer, handler);
        }
    }

    @Test
    void aBombSpreadOverContinuationFramesGetsClose1009AndEof() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.write(OFFER.getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.readHead()).startsWith("HTTP/1.1 101 ");
            EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
            int third = BOMB.length / 3;
            // RFC 7692 §6.1: RSV1 on the first frame only. One write: the first frame alone
            // passes the limit, and the server may close before a second write.
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frames.writeBytes(masked(0x41, Arrays.copyOfRange(BOMB, 0, third)));
            frames.writeBytes(masked(0x00, Arrays.copyOfRange(BOMB, third, 2 * third)));
            frames.writeBytes(masked(0x80, Arrays.copyOfRange(BOMB, 2 * third, BOMB.length)));
            peer.write(frames.toByteArray());
            assertCloses1009(peer, handler);
        }
    }

    /** Exactly {@code 88 xx 03 f1 <reason>}, then EOF: nothing inflated was echoed first. */
    private static void assertCloses1009(RawPeer peer, EchoHandler handler) throws Exception {
        byte[] expected = RawPeer.closeFrame(1009, ProtocolViolation.MESSAGE_TOO_BIG.description());
        assertThat(HexFormat.of().formatHex(peer.readToEof())).startsWith("88").contains("03f1")
                .isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(handler.errors.poll(T, TimeUnit.SECONDS).violation()).isEqualTo(ProtocolViolation.MESSAGE_TOO_BIG);
        assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("1009 ");
    }

    /** A client frame (RFC 6455 §5.3) with a 16-bit length: FIN, RSV and opcode in {@code firstByte}. */
    private static byte[] masked(int firstByte, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
        frame.put((byte) firstByte).put((byte) (0x80 | 126)).putShort((short) payload.length).put(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ MASK[i % 4]));
        }
        return frame.array();
    }

    /** Raw DEFLATE, sync-flushed, without the 00 00 ff ff tail (RFC 7692 §7.2.1). */
    private static byte[] rawDeflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }
}
