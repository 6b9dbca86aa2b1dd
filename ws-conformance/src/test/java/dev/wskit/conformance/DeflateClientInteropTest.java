package dev.wskit.conformance;

import static dev.wskit.testkit.WireTap.compressed;
import static dev.wskit.testkit.WireTap.payloadBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.testkit.Compressible;
import dev.wskit.testkit.DeflateDistances;
import dev.wskit.testkit.NettyDeflateServer;
import dev.wskit.testkit.WireTap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each transport's client with permessage-deflate on (RFC 7692) against servers we did not write:
 * Netty's with its compression handler and Vert.x's {@code HttpServer} with compression on. A
 * {@link WireTap} in between shows the offer, the answer and each frame's RSV1. The servers are
 * started once for the class and serve every transport's client.
 */
@Timeout(60)
class DeflateClientInteropTest {
    private static final int MIB = 1024 * 1024;
    private static final int LIMIT = 8 * MIB;
    private static final WebSocketConfig DEFLATE = WebSocketConfig.builder().maxFramePayload(LIMIT).maxMessageSize(LIMIT)
            .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
    private static final int THRESHOLD = PerMessageDeflateConfig.defaults().threshold();
    private static final int[] SIZES = {0, 125, 126, 64 * 1024, MIB};

    private static EventLoopGroup group;
    private static NettyDeflateServer netty;
    private static NettyDeflateServer nettyAllowingServerNoContext;
    private static NettyDeflateServer nettyLimitingClientWindow;
    private static Vertx vertx;
    private static HttpServer vertxServer;

    private Transport.Client client;
    private WebSocket opened;
    private WireTap tap;

    @BeforeAll
    static void startServers() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        netty = new NettyDeflateServer(group, NettyDeflateServer::stockCompression);
        nettyAllowingServerNoContext = new NettyDeflateServer(group, NettyDeflateServer::compressionAllowingServerNoContextTakeover);
        nettyLimitingClientWindow = new NettyDeflateServer(group, () -> NettyDeflateServer.compressionLimitingClientWindow(9));
        vertx = Vertx.vertx();
        vertxServer = vertx.createHttpServer(new HttpServerOptions().setPerMessageWebSocketCompressionSupported(true)
                        .setMaxWebSocketFrameSize(LIMIT).setMaxWebSocketMessageSize(LIMIT))
                .webSocketHandler(ws -> {
                    ws.textMessageHandler(ws::writeTextMessage);
                    ws.binaryMessageHandler(ws::writeBinaryMessage);
                })
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (netty != null) {
            netty.close();
        }
        if (nettyAllowingServerNoContext != null) {
            nettyAllowingServerNoContext.close();
        }
        if (nettyLimitingClientWindow != null) {
            nettyLimitingClientWindow.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        Transport.closeShared();
    }

    @AfterEach
    void closeClient() throws Exception {
        try {
            if (opened != null) {
                opened.close();
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (tap != null) {
                tap.close();
            }
        }
    }

    private WebSocket connect(Transport transport, int serverPort, WebSocketConfig config, RecordingHandler handler)
            throws Exception {
        tap = new WireTap(serverPort);
        client = transport.client(config);
        opened = client.connect(URI.create("ws://127.0.0.1:" + tap.port() + "/echo"), handler).get(10, TimeUnit.SECONDS);
        return opened;
    }

    static Stream<Arguments> transportsAndSizes() {
        return Stream.of(Transport.values()).flatMap(t -> IntStream.of(SIZES).mapToObj(size -> Arguments.of(t, size)));
    }

    // ---- Netty's server ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("transportsAndSizes")
    void ourClientGetsTextAndBinaryBackFromNettysCompressingServer(Transport transport, int size) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, netty.port(), DEFLATE, events);
        WireTap.Link link = tap.nextLink();
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate; client_max_window_bits");
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate");

        String text = Compressible.text(size);
        socket.sendText(text);
        assertThat(events.nextMessage()).isEqualTo(text);
        byte[] binary = Payloads.noise(size, size);
        socket.sendBinary(ByteBuffer.wrap(binary));
        assertThat((byte[]) events.nextMessage()).isEqualTo(binary);

        assertThat(link.clientMessages()).hasSize(2).allMatch(m -> compressed(m) == size >= THRESHOLD);
        assertThat(link.serverMessages()).hasSize(2).allMatch(WireTap::compressed);
        if (size == MIB) {
            assertThat(payloadBytes(link.clientMessages().get(0))).as("1 MiB of text on the wire").isLessThan(size / 10);
            assertThat(payloadBytes(link.serverMessages().get(0))).isLessThan(size / 10);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void ourFragmentedCompressedMessagesComeBackFragmentedAndCompressedFromNetty(Transport transport) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, netty.port(), DEFLATE, events);
        WireTap.Link link = tap.nextLink();
        String first = Compressible.text(3000);
        socket.sendText(first, false);
        socket.sendText("and the end", true);
        assertThat(events.nextMessage()).isEqualTo(first + "and the end");
        socket.sendBinary(ByteBuffer.wrap(Compressible.binary(500)), false);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {7}), false);
        // An empty last piece: after a flushed piece zlib has nothing to add (RFC 7692 §7.2.3.6).
        socket.sendBinary(ByteBuffer.allocate(0), true);
        byte[] expected = java.util.Arrays.copyOf(Compressible.binary(500), 501);
        expected[500] = 7;
        assertThat((byte[]) events.nextMessage()).isEqualTo(expected);

        List<List<WireTap.Frame>> ours = link.clientMessages();
        assertThat(ours).extracting(List::size).containsExactly(2, 3);
        assertThat(ours).allMatch(WireTap::compressed);
        // Netty echoes frame by frame, compressing the fragments as one message.
        assertThat(link.serverMessages()).extracting(List::size).containsExactly(2, 3);
        assertThat(link.serverMessages()).allMatch(WireTap::compressed);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void nettysStockServerDeclinesServerNoContextTakeoverSoTheConnectionStaysUncompressed(Transport transport)
            throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, netty.port(),
                withDeflate(PerMessageDeflateConfig.builder().serverNoContextTakeover(true).build()), events);
        WireTap.Link link = tap.nextLink();
        String text = Compressible.text(4096);
        socket.sendText(text);
        assertThat(events.nextMessage()).isEqualTo(text);
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate; server_no_context_takeover; client_max_window_bits");
        assertThat(link.acceptedExtensions()).isNull();
        assertThat(link.clientMessages()).noneMatch(WireTap::compressed);
        assertThat(link.serverMessages()).noneMatch(WireTap::compressed);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void aNettyServerThatHonoursServerNoContextTakeoverCompressesEachMessageAlone(Transport transport) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, nettyAllowingServerNoContext.port(),
                withDeflate(PerMessageDeflateConfig.builder().serverNoContextTakeover(true).build()), events);
        WireTap.Link link = tap.nextLink();
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate;server_no_context_takeover");
        String text = Compressible.text(2048);
        for (int i = 0; i < 3; i++) {
            socket.sendText(text);
            assertThat(events.nextMessage()).isEqualTo(text);
        }
        List<List<WireTap.Frame>> theirs = link.serverMessages();
        assertThat(theirs).hasSize(3).allMatch(WireTap::compressed);
        assertThat(theirs.get(2).get(0).payload()).isEqualTo(theirs.get(0).get(0).payload());
        // We kept our own window: our repeats are mostly back-references.
        List<List<WireTap.Frame>> ours = link.clientMessages();
        assertThat(payloadBytes(ours.get(2))).isLessThan(payloadBytes(ours.get(0)) / 4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void ourClientNoContextTakeoverHoldsEvenWhenNettyLeavesItOutOfTheAnswer(Transport transport) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, netty.port(),
                withDeflate(PerMessageDeflateConfig.builder().clientNoContextTakeover(true).build()), events);
        WireTap.Link link = tap.nextLink();
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits");
        // Netty's stock server may ignore the hint (RFC 7692 §7.1.1.2) and does.
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate");
        String text = Compressible.text(2048);
        for (int i = 0; i < 3; i++) {
            socket.sendText(text);
            assertThat(events.nextMessage()).isEqualTo(text);
        }
        List<List<WireTap.Frame>> ours = link.clientMessages();
        assertThat(ours).hasSize(3).allMatch(WireTap::compressed);
        assertThat(ours.get(1).get(0).payload()).isEqualTo(ours.get(0).get(0).payload());
        assertThat(ours.get(2).get(0).payload()).isEqualTo(ours.get(0).get(0).payload());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void ourClientKeepsWithinTheWindowANettyServerAllowsIt(Transport transport) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, nettyLimitingClientWindow.port(), DEFLATE, events);
        WireTap.Link link = tap.nextLink();
        // RFC 7692 §7.1.2.2: our offer lets the server name our window; this one names 9 bits.
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate;client_max_window_bits=9");
        byte[] repeated = Payloads.repeatedNoise(4096);
        socket.sendBinary(ByteBuffer.wrap(repeated));
        assertThat((byte[]) events.nextMessage()).isEqualTo(repeated);
        socket.sendText(Compressible.text(4096));
        assertThat(events.nextMessage()).isEqualTo(Compressible.text(4096));

        List<List<WireTap.Frame>> ours = link.clientMessages();
        assertThat(ours).hasSize(2).allMatch(WireTap::compressed);
        assertThat(DeflateDistances.farthest(ours.stream().map(WireTap::payload).toList()))
                .as("the farthest back-reference of our messages").isLessThanOrEqualTo(1 << 9);
        // Literals alone still shrink text (the cost: 4096 bytes of noise 4096 back stay 8192).
        assertThat(payloadBytes(ours.get(1))).isLessThan(4096 * 3 / 4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void withNoWindowNamedOurClientReachesAsFarAsItsRepeats(Transport transport) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, netty.port(), DEFLATE, events);
        WireTap.Link link = tap.nextLink();
        byte[] repeated = Payloads.repeatedNoise(4096);
        socket.sendBinary(ByteBuffer.wrap(repeated));
        assertThat((byte[]) events.nextMessage()).isEqualTo(repeated);
        // The check above can fail: the same message with the full window reaches 4096 back.
        assertThat(DeflateDistances.farthest(link.clientMessages().stream().map(WireTap::payload).toList())).isEqualTo(4096);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void ourClientSendsMessagesUnderTheThresholdUncompressed(Transport transport) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, netty.port(), DEFLATE, events);
        WireTap.Link link = tap.nextLink();
        String longText = Compressible.text(4096);
        socket.sendText("tiny");
        socket.sendText(longText);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        socket.sendText("tiny again");
        assertThat(events.nextMessage()).isEqualTo("tiny");
        assertThat(events.nextMessage()).isEqualTo(longText);
        assertThat((byte[]) events.nextMessage()).containsExactly(1, 2, 3);
        assertThat(events.nextMessage()).isEqualTo("tiny again");
        assertThat(link.clientMessages()).extracting(WireTap::compressed).containsExactly(false, true, false, false);
        assertThat(link.serverMessages()).allMatch(WireTap::compressed);
    }

    // ---- Vert.x's server ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void ourClientGetsTextBinaryAndFragmentsBackFromVertxsCompressingServer(Transport transport) throws Exception {
        RecordingHandler events = RecordingHandler.recording();
        WebSocket socket = connect(transport, vertxServer.actualPort(), DEFLATE, events);
        WireTap.Link link = tap.nextLink();
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate; client_max_window_bits");
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate");

        String text = Compressible.text(MIB);
        socket.sendText(text);
        assertThat(events.nextMessage()).isEqualTo(text);
        byte[] binary = Payloads.noise(64 * 1024, 64 * 1024);
        socket.sendBinary(ByteBuffer.wrap(binary));
        assertThat((byte[]) events.nextMessage()).isEqualTo(binary);
        // The threshold is weighed on a message's first piece (RFC 7692 §6 lets each message choose).
        socket.sendText("Hello wörld, ".repeat(10), false);
        socket.sendText("and the end", true);
        assertThat(events.nextMessage()).isEqualTo("Hello wörld, ".repeat(10) + "and the end");

        assertThat(link.clientMessages()).hasSize(3).allMatch(WireTap::compressed);
        assertThat(link.serverMessages()).hasSize(3).allMatch(WireTap::compressed);
        assertThat(payloadBytes(link.serverMessages().get(0))).isLessThan(MIB / 10);
    }

    private static WebSocketConfig withDeflate(PerMessageDeflateConfig deflate) {
        return DEFLATE.toBuilder().perMessageDeflate(deflate).build();
    }
}
