package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.testkit.Compressible;
import java.io.ByteArrayOutputStream;
import java.net.URI;
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
import org.junit.jupiter.api.Timeout;

/**
 * A decompression bomb over a raw socket (RFC 7692 §8.1): a small compressed frame that
 * inflates far past the message limit gets close 1009 and EOF, and a compressed neighbour on
 * the same server keeps echoing.
 */
@Timeout(60)
class DeflateBombTest {
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final String OFFER = RawPeer.UPGRADE.replace("\r\n\r\n",
            "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
    /** 16 MiB of zeros, 256 times the limit, deflated to about 16 KB. */
    private static final byte[] BOMB = rawDeflate(new byte[16 * 1024 * 1024]);

    private static final BlockingQueue<RecordingHandler> handlers = new LinkedBlockingQueue<>();
    private static BlockingWebSocketServer server;
    private static BlockingWebSocketClient client;
    private static RecordingHandler healthy;
    private static WebSocket healthySocket;

    @BeforeAll
    static void startServerAndAHealthyConnection() throws Exception {
        WebSocketConfig config = WebSocketConfig.builder().maxMessageSize(MAX_MESSAGE)
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        server = BlockingWebSocketServer.builder().config(config)
                .handler(() -> {
                    RecordingHandler h = RecordingHandler.echoing();
                    handlers.add(h);
                    return h;
                })
                .build().start();
        client = BlockingWebSocketClient.builder().config(config).build();
        healthy = RecordingHandler.recording();
        healthySocket = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), healthy);
        handlers.take();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @AfterEach
    void theCompressedNeighbourStillEchoes() throws Exception {
        String text = Compressible.text(MAX_MESSAGE);
        healthySocket.sendText(text);
        assertThat(healthy.nextMessage()).isEqualTo(text);
    }

    @Test
    void aBombInOneFrameGetsClose1009AndEof() throws Exception {
        assertThat(BOMB.length).as("a small frame").isLessThan(MAX_MESSAGE);
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.write(OFFER.getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.readHead()).startsWith("HTTP/1.1 101 ").contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n");
            RecordingHandler handler = nextHandler();
            peer.write(RawPeer.masked(0xc2, BOMB));
            assertCloses1009(peer, handler);
        }
    }

    @Test
    void aBombSpreadOverContinuationFramesGetsClose1009AndEof() throws Exception {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.write(OFFER.getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.readHead()).startsWith("HTTP/1.1 101 ");
            RecordingHandler handler = nextHandler();
            int third = BOMB.length / 3;
            // RFC 7692 §6.1: RSV1 on the first frame only. One write: the first frame alone
            // passes the limit, and the server may close before a second write.
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frames.writeBytes(RawPeer.masked(0x41, Arrays.copyOfRange(BOMB, 0, third)));
            frames.writeBytes(RawPeer.masked(0x00, Arrays.copyOfRange(BOMB, third, 2 * third)));
            frames.writeBytes(RawPeer.masked(0x80, Arrays.copyOfRange(BOMB, 2 * third, BOMB.length)));
            peer.write(frames.toByteArray());
            assertCloses1009(peer, handler);
        }
    }

    /** Exactly {@code 88 xx 03 f1 <reason>}, then EOF: nothing inflated was echoed first. */
    private static void assertCloses1009(RawPeer peer, RecordingHandler handler) throws Exception {
        byte[] expected = RawPeer.serverClose(1009, ProtocolViolation.MESSAGE_TOO_BIG.description());
        assertThat(HexFormat.of().formatHex(peer.readToEnd())).startsWith("88").contains("03f1")
                .isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(handler.nextEvent()).isEqualTo("open");
        assertThat(handler.nextEvent()).isEqualTo("error:MESSAGE_TOO_BIG");
        assertThat(handler.nextEvent()).isEqualTo("close:1009:");
        assertThat(handler.messages).isEmpty();
    }

    private static RecordingHandler nextHandler() throws InterruptedException {
        RecordingHandler h = handlers.poll(10, TimeUnit.SECONDS);
        assertThat(h).as("a connection accepted").isNotNull();
        return h;
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
