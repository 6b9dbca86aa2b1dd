package dev.wskit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.testkit.Compressible;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A decompression bomb over a raw socket (RFC 7692 §8.1) against each transport's server: a small
 * compressed frame that inflates far past the message limit gets close 1009 and EOF, and a
 * compressed neighbour on the same server keeps echoing.
 */
@Timeout(60)
class DeflateBombTest {
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};
    /** 16 MiB of zeros, 256 times the limit, deflated to about 16 KB. */
    private static final byte[] BOMB = rawDeflate(new byte[16 * 1024 * 1024]);

    /** Per transport: its server, the handlers it made (one per connection, in order), its client. */
    private static final Map<Transport, Transport.Server> SERVERS = new EnumMap<>(Transport.class);
    private static final Map<Transport, BlockingQueue<RecordingHandler>> HANDLERS = new EnumMap<>(Transport.class);
    private static final Map<Transport, Transport.Client> CLIENTS = new EnumMap<>(Transport.class);
    /** Per transport: the healthy neighbour, a compressed connection open all through the class. */
    private static final Map<Transport, RecordingHandler> HEALTHY = new EnumMap<>(Transport.class);
    private static final Map<Transport, WebSocket> HEALTHY_SOCKETS = new EnumMap<>(Transport.class);

    /** The transport the current test played its bomb against, for {@link #theCompressedNeighbourStillEchoes}. */
    private Transport bombed;

    @BeforeAll
    static void startServersAndHealthyConnections() throws Exception {
        WebSocketConfig config = WebSocketConfig.builder().maxMessageSize(MAX_MESSAGE)
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        for (Transport t : Transport.values()) {
            BlockingQueue<RecordingHandler> handlers = new LinkedBlockingQueue<>();
            HANDLERS.put(t, handlers);
            Transport.Server server = t.startServer(config, () -> {
                RecordingHandler h = RecordingHandler.echoing();
                handlers.add(h);
                return h;
            });
            SERVERS.put(t, server);
            Transport.Client client = t.client(config);
            CLIENTS.put(t, client);
            RecordingHandler healthy = RecordingHandler.recording();
            HEALTHY.put(t, healthy);
            HEALTHY_SOCKETS.put(t, client.connect(URI.create("ws://127.0.0.1:" + server.port + "/healthy"), healthy)
                    .get(10, TimeUnit.SECONDS));
            assertThat(handlers.poll(10, TimeUnit.SECONDS)).as("%s: the healthy connection accepted", t).isNotNull();
        }
    }

    @AfterAll
    static void stop() {
        CLIENTS.values().forEach(Transport.Client::close);
        SERVERS.values().forEach(Transport.Server::close);
        Transport.closeShared();
    }

    @AfterEach
    void theCompressedNeighbourStillEchoes() throws Exception {
        if (bombed == null) {
            return;
        }
        String text = Compressible.text(MAX_MESSAGE);
        HEALTHY_SOCKETS.get(bombed).sendText(text);
        assertThat(HEALTHY.get(bombed).nextMessage()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void aBombInOneFrameGetsClose1009AndEof(Transport transport) throws Exception {
        bombed = transport;
        assertThat(BOMB.length).as("a small frame").isLessThan(MAX_MESSAGE);
        int port = SERVERS.get(transport).port;
        try (Socket peer = connect(port)) {
            peer.getOutputStream().write(offer(port));
            assertThat(readHead(peer)).startsWith("HTTP/1.1 101 ").contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n");
            RecordingHandler handler = nextHandler(transport);
            peer.getOutputStream().write(masked(0xc2, BOMB));
            assertCloses1009(peer, handler);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void aBombSpreadOverContinuationFramesGetsClose1009AndEof(Transport transport) throws Exception {
        bombed = transport;
        int port = SERVERS.get(transport).port;
        try (Socket peer = connect(port)) {
            peer.getOutputStream().write(offer(port));
            assertThat(readHead(peer)).startsWith("HTTP/1.1 101 ");
            RecordingHandler handler = nextHandler(transport);
            int third = BOMB.length / 3;
            // RFC 7692 §6.1: RSV1 on the first frame only. One write: the first frame alone
            // passes the limit, and the server may close before a second write.
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frames.writeBytes(masked(0x41, Arrays.copyOfRange(BOMB, 0, third)));
            frames.writeBytes(masked(0x00, Arrays.copyOfRange(BOMB, third, 2 * third)));
            frames.writeBytes(masked(0x80, Arrays.copyOfRange(BOMB, 2 * third, BOMB.length)));
            peer.getOutputStream().write(frames.toByteArray());
            assertCloses1009(peer, handler);
        }
    }

    /**
     * Exactly {@code 88 xx 03 f1 <reason>}, then EOF: nothing inflated was echoed first; the
     * server's handler saw the open, the violation and the close, and no message.
     */
    private static void assertCloses1009(Socket peer, RecordingHandler handler) throws Exception {
        byte[] reason = ProtocolViolation.MESSAGE_TOO_BIG.description().getBytes(StandardCharsets.UTF_8);
        byte[] expected = ByteBuffer.allocate(4 + reason.length)
                .put((byte) 0x88).put((byte) (2 + reason.length)).putShort((short) 1009).put(reason).array();
        assertThat(HexFormat.of().formatHex(readToEnd(peer))).startsWith("88").contains("03f1")
                .isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(handler.nextEvent()).isEqualTo("open");
        assertThat(handler.nextEvent()).isEqualTo("error:MESSAGE_TOO_BIG");
        assertThat(handler.nextEvent()).isEqualTo("close:1009:");
        assertThat(handler.messages).isEmpty();
    }

    private static RecordingHandler nextHandler(Transport transport) throws InterruptedException {
        RecordingHandler h = HANDLERS.get(transport).poll(10, TimeUnit.SECONDS);
        assertThat(h).as("a connection accepted").isNotNull();
        return h;
    }

    /** The RFC 6455 §1.3 sample request on {@code /bomb}, offering permessage-deflate. */
    private static byte[] offer(int port) {
        String request = new String(RawPeers.upgradeRequest(port, "/bomb"), StandardCharsets.US_ASCII);
        return request.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** The response head, up to and including the empty line; byte by byte, so nothing after it is consumed. */
    private static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("EOF inside the response head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Everything until the server ends the connection; fails on a read timeout. */
    private static byte[] readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not end the connection; read so far: " + all.size() + " bytes", e);
        }
        return all.toByteArray();
    }

    /** A client frame (RFC 6455 §5.3) with a 16-bit length: FIN, RSV and opcode in {@code firstByte}. */
    private static byte[] masked(int firstByte, byte[] payload) {
        assertThat(payload.length).as("a 16-bit length").isBetween(126, 0xffff);
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
