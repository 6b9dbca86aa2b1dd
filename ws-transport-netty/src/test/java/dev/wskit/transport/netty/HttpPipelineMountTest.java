package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * wskit mounted on a user's own Netty HTTP pipeline: {@code /ws} upgrades to wskit, every other
 * request keeps flowing to the user's HTTP handler on the same port.
 */
@Timeout(30)
@ExtendWith(Kit.Extension.class)
class HttpPipelineMountTest {
    private static final String UPGRADE_WS = RawPeer.UPGRADE.replace("GET /chat ", "GET /ws ");
    private static EventLoopGroup group;
    private static Channel server;
    private static int port;

    @BeforeAll
    static void startAnHttpServerWithAWebSocketPath() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketUpgradeHandler("/ws", WebSocketConfig.defaults(), Kit::echo),
                                new UsersOwnHttpHandler());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Stands for the application's own HTTP handling. */
    private static final class UsersOwnHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            byte[] body = ("hello http " + request.uri()).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response);
        }
    }

    @Test
    void otherPathsReachTheUsersHttpHandlerOnAKeptAliveConnection() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : new String[] {"/", "/health"}) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello http " + path);
        }
    }

    @Test
    void aPathWithABrokenPercentEscapeIsNotOursAndReachesTheUsersHttpHandler(Kit kit) throws Exception {
        RawPeer peer = kit.raw(port);
        peer.write("GET /ws%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(peer.readHead()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 17\r\n\r\n");
        assertThat(new String(peer.readExactly(17), StandardCharsets.US_ASCII)).isEqualTo("hello http /ws%zz");
    }

    @Test
    void theWebSocketPathUpgradesToWskitForTheJdkClient() throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?room=1"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        echoed.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("through the HTTP pipeline", true);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("through the HTTP pipeline");
        ws.sendClose(1000, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFrameSentWithTheRequestIsNotLostInTheHttpDecoder(Kit kit) throws Exception {
        RawPeer peer = kit.raw(port);
        byte[] request = UPGRADE_WS.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = RawPeer.masked(0x81, "pipelined");
        byte[] both = new byte[request.length + frame.length];
        System.arraycopy(request, 0, both, 0, request.length);
        System.arraycopy(frame, 0, both, request.length, frame.length);
        peer.write(both);
        assertThat(peer.readHead()).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
        assertThat(RawPeer.hex(peer.readExactly(11))).isEqualTo("8109" + RawPeer.hex("pipelined".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBadUpgradeOnTheWebSocketPathGetsTheEnginesExactStatus(Kit kit) throws Exception {
        RawPeer peer = kit.raw(port);
        peer.write(UPGRADE_WS.replace("Version: 13", "Version: 12"));
        assertThat(peer.readHead()).startsWith("HTTP/1.1 426 Upgrade Required\r\n").contains("Sec-WebSocket-Version: 13\r\n");
        assertThat(new String(peer.readToEnd(), StandardCharsets.US_ASCII))
                .as("the body, then the connection closes").isEqualTo("Sec-WebSocket-Version must be 13\n");
    }

    private static final String UPGRADE_HEADERS = "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    /**
     * Requests that must reach neither the engine nor the application: a fragment, which the
     * engine's request type refuses (RFC 9112 §3.2), and heads Netty's codec failed to decode
     * (the target of a failed request line is a stand-in; the codec drops all input after it).
     */
    static Stream<Named<String>> unreadableRequests() {
        return Stream.of(
                Named.of("a fragment in the target", "GET /ws#frag HTTP/1.1\r\n" + UPGRADE_HEADERS + "\r\n"),
                Named.of("a malformed request line", "GET /ws HTTP/1.x\r\n" + UPGRADE_HEADERS + "\r\n"),
                Named.of("an oversized request line",
                        "GET /ws?" + "a".repeat(5000) + " HTTP/1.1\r\n" + UPGRADE_HEADERS + "\r\n"),
                Named.of("a header line without a colon after a complete upgrade",
                        "GET /ws HTTP/1.1\r\n" + UPGRADE_HEADERS + "no colon\r\n\r\n"));
    }

    @ParameterizedTest
    @MethodSource("unreadableRequests")
    void aRequestThatCannotBeReadGetsA400AndTheConnectionCloses(String request, Kit kit) throws Exception {
        RawPeer peer = kit.raw(port);
        // One write: the codec has read it all before the close, so no reset can lose the answer.
        peer.write(request);
        assertThat(peer.readHead()).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
        assertThat(new String(peer.readToEnd(), StandardCharsets.US_ASCII))
                .as("the body, then the connection closes").isEqualTo("malformed HTTP request\n");
        RawPeer next = kit.raw(port);
        next.write(UPGRADE_WS);
        assertThat(next.readHead()).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    }
}
