package dev.wskit.conformance;

import static dev.wskit.testkit.WireTap.compressed;
import static dev.wskit.testkit.WireTap.payloadBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.testkit.Compressible;
import dev.wskit.testkit.DeflateDistances;
import dev.wskit.testkit.NettyDeflateClient;
import dev.wskit.testkit.WireTap;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * permessage-deflate (RFC 7692) between each transport's server and clients we did not write:
 * Netty's with its compression handler, Vert.x's with compression on, and the JDK's, which never
 * offers it. A {@link WireTap} between them shows the offer, the answer and each frame's RSV1.
 *
 * <p>Two servers per transport, started once for the class: the default settings (our echo split
 * at 16 KiB, so a large message goes back as a fragmented compressed message), and one that asks
 * for no context takeover both ways.
 */
@Timeout(60)
class DeflateInteropTest {
    private static final int MIB = 1024 * 1024;
    private static final int LIMIT = 8 * MIB;
    /** Default settings: compress messages of 64 bytes and more, keep the window across messages. */
    private static final PerMessageDeflateConfig DEFLATE = PerMessageDeflateConfig.defaults();
    private static final int THRESHOLD = DEFLATE.threshold();
    private static final int[] SIZES = {0, 125, 126, 64 * 1024, MIB};

    private static final Map<Transport, Transport.Server> SERVERS = new EnumMap<>(Transport.class);
    private static final Map<Transport, Transport.Server> NO_TAKEOVER_SERVERS = new EnumMap<>(Transport.class);
    private static final Map<Transport, WireTap> TAPS = new EnumMap<>(Transport.class);
    private static final Map<Transport, WireTap> NO_TAKEOVER_TAPS = new EnumMap<>(Transport.class);
    private static EventLoopGroup group;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        WebSocketConfig config = WebSocketConfig.builder().maxFramePayload(LIMIT).maxMessageSize(LIMIT)
                .maxOutgoingFrameSize(16 * 1024).perMessageDeflate(DEFLATE).build();
        WebSocketConfig noTakeover = config.toBuilder().perMessageDeflate(PerMessageDeflateConfig.builder()
                .serverNoContextTakeover(true).clientNoContextTakeover(true).build()).build();
        for (Transport t : Transport.values()) {
            Transport.Server server = t.startServer(config, Transport.Echo::new);
            SERVERS.put(t, server);
            TAPS.put(t, new WireTap(server.port));
            Transport.Server noTakeoverServer = t.startServer(noTakeover, Transport.Echo::new);
            NO_TAKEOVER_SERVERS.put(t, noTakeoverServer);
            NO_TAKEOVER_TAPS.put(t, new WireTap(noTakeoverServer.port));
        }
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        for (WireTap tap : TAPS.values()) {
            tap.close();
        }
        for (WireTap tap : NO_TAKEOVER_TAPS.values()) {
            tap.close();
        }
        SERVERS.values().forEach(Transport.Server::close);
        NO_TAKEOVER_SERVERS.values().forEach(Transport.Server::close);
        Transport.closeShared();
    }

    static Stream<Arguments> transportsAndSizes() {
        return Stream.of(Transport.values()).flatMap(t -> IntStream.of(SIZES).mapToObj(size -> Arguments.of(t, size)));
    }

    // ---- Netty's client ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void nettysClientAskingForANineBitServerWindowGetsMessagesThatReachNoFurther(Transport transport) throws Exception {
        WireTap tap = TAPS.get(transport);
        NettyDeflateClient netty = NettyDeflateClient.connect(group, tap.port(), NettyDeflateClient.compressionAskingServerWindow(9));
        WireTap.Link link = tap.nextLink();
        // RFC 7692 §7.1.2.1: accepted by answering a window no larger than asked for.
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate;server_max_window_bits=9");
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate; server_max_window_bits=9");
        byte[] repeated = Payloads.repeatedNoise(4096);
        netty.sendBinary(repeated);
        assertThat((byte[]) netty.next()).isEqualTo(repeated);
        String text = Compressible.text(4096);
        netty.sendText(text);
        assertThat(netty.next()).isEqualTo(text);

        List<List<WireTap.Frame>> ours = link.serverMessages();
        assertThat(ours).hasSize(2).allMatch(WireTap::compressed);
        assertThat(DeflateDistances.farthest(ours.stream().map(WireTap::payload).toList()))
                .as("the farthest back-reference of our messages").isLessThanOrEqualTo(1 << 9);
        netty.close();

        // The check can fail: with the window left to us, the same message reaches 4096 back.
        NettyDeflateClient stock = NettyDeflateClient.connect(group, tap.port(), NettyDeflateClient.stockCompression());
        WireTap.Link stockLink = tap.nextLink();
        stock.sendBinary(repeated);
        assertThat((byte[]) stock.next()).isEqualTo(repeated);
        assertThat(DeflateDistances.farthest(List.of(WireTap.payload(stockLink.serverMessages().get(0))))).isEqualTo(4096);
        stock.close();
    }


    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("transportsAndSizes")
    void nettysClientNegotiatesDeflateAndGetsTextAndBinaryBack(Transport transport, int size) throws Exception {
        WireTap tap = TAPS.get(transport);
        NettyDeflateClient netty = NettyDeflateClient.connect(group, tap.port(), NettyDeflateClient.stockCompression());
        WireTap.Link link = tap.nextLink();
        // Netty's stock offer lists the deflate-frame drafts after permessage-deflate; we skip them.
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate,deflate-frame,x-webkit-deflate-frame");
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate");

        String text = Compressible.text(size);
        netty.sendText(text);
        assertThat(netty.next()).isEqualTo(text);
        byte[] binary = Payloads.noise(size, size);
        netty.sendBinary(binary);
        assertThat((byte[]) netty.next()).isEqualTo(binary);

        // Netty compresses every message; we compress those at or above the threshold.
        List<List<WireTap.Frame>> ours = link.serverMessages();
        assertThat(ours).hasSize(2);
        assertThat(ours).allMatch(m -> compressed(m) == size >= THRESHOLD);
        assertThat(link.clientMessages()).hasSize(2).allMatch(WireTap::compressed);
        if (size == MIB) {
            assertThat(payloadBytes(ours.get(0))).as("1 MiB of text on the wire").isLessThan(size / 10);
            assertThat(payloadBytes(link.clientMessages().get(0))).isLessThan(size / 10);
            assertThat(ours.get(0)).as("our echo split at 16 KiB").hasSizeGreaterThan(1);
        }
        netty.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void nettysClientsFragmentedCompressedMessageIsEchoedWhole(Transport transport) throws Exception {
        WireTap tap = TAPS.get(transport);
        NettyDeflateClient netty = NettyDeflateClient.connect(group, tap.port(), NettyDeflateClient.stockCompression());
        WireTap.Link link = tap.nextLink();
        String text = Compressible.text(MIB);
        int quarter = MIB / 4;
        netty.write(new TextWebSocketFrame(false, 0, text.substring(0, quarter)));
        netty.write(new ContinuationWebSocketFrame(false, 0, text.substring(quarter, 2 * quarter)));
        netty.write(new ContinuationWebSocketFrame(false, 0, text.substring(2 * quarter, 3 * quarter)));
        netty.send(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer(text.substring(3 * quarter), StandardCharsets.UTF_8)));
        assertThat(netty.next()).isEqualTo(text);
        List<WireTap.Frame> sent = link.clientMessages().get(0);
        assertThat(sent).hasSize(4);
        assertThat(compressed(sent)).isTrue();
        netty.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void ourServerKeepsItsWindowAcrossMessagesByDefault(Transport transport) throws Exception {
        WireTap tap = TAPS.get(transport);
        NettyDeflateClient netty = NettyDeflateClient.connect(group, tap.port(), NettyDeflateClient.stockCompression());
        WireTap.Link link = tap.nextLink();
        String text = Compressible.text(2048);
        for (int i = 0; i < 3; i++) {
            netty.sendText(text);
            assertThat(netty.next()).isEqualTo(text);
        }
        List<List<WireTap.Frame>> ours = link.serverMessages();
        // RFC 7692 §7.1.1: with context takeover a repeat is mostly back-references to the last one.
        assertThat(payloadBytes(ours.get(1))).isLessThan(payloadBytes(ours.get(0)) / 4);
        assertThat(payloadBytes(ours.get(2))).isLessThan(payloadBytes(ours.get(0)) / 4);
        netty.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void withNoContextTakeoverEachMessageIsCompressedAloneBothWays(Transport transport) throws Exception {
        WireTap tap = NO_TAKEOVER_TAPS.get(transport);
        NettyDeflateClient netty = NettyDeflateClient.connect(group, tap.port(),
                NettyDeflateClient.compressionWithClientNoContextTakeover());
        WireTap.Link link = tap.nextLink();
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate;client_no_context_takeover");
        assertThat(link.acceptedExtensions())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        String text = Compressible.text(2048);
        for (int i = 0; i < 3; i++) {
            netty.sendText(text);
            assertThat(netty.next()).isEqualTo(text);
        }
        // RFC 7692 §7.1.1.1, §7.1.1.2: each message starts from an empty window, so repeats are byte-identical.
        List<List<WireTap.Frame>> ours = link.serverMessages();
        assertThat(ours).hasSize(3).allMatch(WireTap::compressed);
        assertThat(ours.get(1).get(0).payload()).isEqualTo(ours.get(0).get(0).payload());
        assertThat(ours.get(2).get(0).payload()).isEqualTo(ours.get(0).get(0).payload());
        List<List<WireTap.Frame>> theirs = link.clientMessages();
        assertThat(theirs.get(2).get(0).payload()).isEqualTo(theirs.get(0).get(0).payload());
        netty.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void messagesUnderTheThresholdGoUncompressedBetweenCompressedOnes(Transport transport) throws Exception {
        WireTap tap = TAPS.get(transport);
        NettyDeflateClient netty = NettyDeflateClient.connect(group, tap.port(), NettyDeflateClient.stockCompression());
        WireTap.Link link = tap.nextLink();
        String longText = Compressible.text(4096);
        byte[] longBinary = Compressible.binary(4096);
        netty.sendText("tiny");
        assertThat(netty.next()).isEqualTo("tiny");
        netty.sendText(longText);
        assertThat(netty.next()).isEqualTo(longText);
        netty.sendBinary(new byte[] {1, 2, 3});
        assertThat((byte[]) netty.next()).containsExactly(1, 2, 3);
        netty.sendBinary(longBinary);
        assertThat((byte[]) netty.next()).isEqualTo(longBinary);
        netty.sendText("tiny again");
        assertThat(netty.next()).isEqualTo("tiny again");
        assertThat(link.serverMessages()).extracting(WireTap::compressed).containsExactly(false, true, false, true, false);
        netty.close();
    }

    // ---- Vert.x's client ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void vertxsClientWithCompressionOnGetsTextBinaryAndFragmentsBack(Transport transport) throws Exception {
        WireTap tap = TAPS.get(transport);
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setTryUsePerMessageCompression(true).setMaxFrameSize(LIMIT).setMaxMessageSize(LIMIT));
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        WebSocket ws = client.connect(tap.port(), "127.0.0.1", "/vertx").await(10, TimeUnit.SECONDS);
        ws.textMessageHandler(received::add);
        ws.binaryMessageHandler(b -> received.add(b.getBytes()));
        WireTap.Link link = tap.nextLink();
        assertThat(link.offeredExtensions()).isEqualTo("permessage-deflate");
        assertThat(link.acceptedExtensions()).isEqualTo("permessage-deflate");

        String text = Compressible.text(MIB);
        ws.writeTextMessage(text);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(text);
        byte[] binary = Payloads.noise(64 * 1024, 64 * 1024);
        ws.writeBinaryMessage(Buffer.buffer(binary));
        assertThat((byte[]) received.poll(10, TimeUnit.SECONDS)).isEqualTo(binary);
        ws.writeFrame(WebSocketFrame.textFrame("Hel", false));
        ws.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("lo wörld, ".repeat(20)), true));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("Hel" + "lo wörld, ".repeat(20));

        assertThat(link.clientMessages()).hasSize(3).allMatch(WireTap::compressed);
        assertThat(link.clientMessages().get(2)).hasSize(2);
        assertThat(link.serverMessages()).hasSize(3).allMatch(WireTap::compressed);
        assertThat(payloadBytes(link.serverMessages().get(0))).isLessThan(MIB / 10);
        client.close().await(10, TimeUnit.SECONDS);
    }

    // ---- the JDK's client ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transport.class)
    void theJdkClientNeverOffersDeflateAndGetsUncompressedFrames(Transport transport) throws Exception {
        WireTap tap = TAPS.get(transport);
        CompletableFuture<String> echo = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        java.net.http.WebSocket jdk = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + tap.port() + "/jdk"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            echo.complete(text.toString());
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        WireTap.Link link = tap.nextLink();
        String message = Compressible.text(64 * 1024);
        jdk.sendText(message, true).get(10, TimeUnit.SECONDS);
        assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo(message);
        assertThat(link.offeredExtensions()).isNull();
        assertThat(link.acceptedExtensions()).isNull();
        assertThat(link.serverMessages()).hasSize(1).noneMatch(WireTap::compressed);
        assertThat(payloadBytes(link.serverMessages().get(0))).isEqualTo(message.length());
        jdk.abort();
    }
}
