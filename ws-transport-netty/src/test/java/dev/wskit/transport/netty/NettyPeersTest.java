package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Tests 1 and 2 with Netty's own WebSocket stack: Netty's client against our server, and our
 * client against Netty's {@code WebSocketServerProtocolHandler} echo server.
 */
class NettyPeersTest {
    private static final int LIMIT = 8 * 1024 * 1024;
    private static final WebSocketConfig CONFIG = WebSocketConfig.builder().maxFramePayload(LIMIT).maxMessageSize(LIMIT).build();
    private static final BlockingQueue<String> serverEvents = EchoHandler.newEventQueue();
    private static EventLoopGroup group;
    private static NettyWebSocketServer ourServer;
    private static Channel nettyServer;
    private static NettyWebSocketClient ourClient;

    @BeforeAll
    static void start() throws IOException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ourServer = NettyWebSocketServer.builder().config(CONFIG).handler(() -> new EchoHandler(serverEvents)).build().start();
        nettyServer = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/").maxFramePayloadLength(LIMIT).build()),
                                new NettyEcho());
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
        ourClient = NettyWebSocketClient.builder().config(CONFIG).eventLoopGroup(group).build();
    }

    @AfterAll
    static void stop() {
        ourServer.stop(Duration.ofSeconds(2));
        nettyServer.close().syncUninterruptibly();
        ourClient.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---- test 2: our client, Netty's server -----------------------------------------------

    private static WebSocket connectToNetty(Recorder events) {
        int port = ((java.net.InetSocketAddress) nettyServer.localAddress()).getPort();
        return ourClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), events).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.transport.netty.Payloads#SIZES")
    void ourClientGetsTextAndBinaryOfEveryLengthClassBackFromNettysServer(int length) throws Exception {
        Recorder events = new Recorder();
        WebSocket socket = connectToNetty(events);
        socket.sendText(Payloads.text(length));
        assertThat(events.next()).isEqualTo(Payloads.text(length));
        socket.sendBinary(ByteBuffer.wrap(Payloads.binary(length)));
        assertThat((byte[]) events.next()).isEqualTo(Payloads.binary(length));
        socket.close(1000, "done");
        assertThat(events.next()).isEqualTo("close:1000:done");
    }

    @Test
    void ourClientsFragmentsComeBackAsOneMessageAndItsPingIsAnswered() throws Exception {
        Recorder events = new Recorder();
        WebSocket socket = connectToNetty(events);
        socket.sendText("Hel", false);
        socket.sendText("lo", true);
        assertThat(events.next()).isEqualTo("Hello");
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {2, 3}), true);
        assertThat((byte[]) events.next()).containsExactly(1, 2, 3);
        socket.sendPing(ByteBuffer.wrap(new byte[] {9, 8}));
        assertThat(events.next()).isEqualTo("pong:0908");
    }

    @Test
    void nettysServerClosingReachesOurClientWithCodeAndReason() throws Exception {
        Recorder events = new Recorder();
        WebSocket socket = connectToNetty(events);
        socket.sendText(EchoHandler.CLOSE_COMMAND);
        assertThat(events.next()).isEqualTo("close:4000:bye");
    }

    // ---- test 1 again: Netty's client, our server -----------------------------------------

    /**
     * Netty's client masks a message 8 bytes at a time into a buffer the paranoid leak detector
     * tracks, and every access to such a buffer records a stack trace: 1 to 2 s per 4 MiB message
     * on two cores (0.2 s without the records), within the 10 s each event may take. The echo is
     * taken out of Netty's buffer in one bulk copy: read byte by byte, as a hex dump does, it cost
     * a stack trace per byte, over 10 s for 4 MiB.
     */
    @ParameterizedTest
    @FieldSource("dev.wskit.transport.netty.Payloads#SIZES")
    void nettysClientGetsTextAndBinaryOfEveryLengthClassBackFromOurServer(int length) throws Exception {
        NettyClient client = NettyClient.connect(ourServer.port());
        client.channel.writeAndFlush(new TextWebSocketFrame(Payloads.text(length)));
        assertThat(client.next()).isEqualTo(Payloads.text(length));
        client.channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(Payloads.binary(length))));
        assertThat((byte[]) client.next()).isEqualTo(Payloads.binary(length));
        client.channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye now"));
        assertThat(client.next()).isEqualTo("close:1000:");
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/netty close:1000:bye now");
        client.channel.closeFuture().awaitUninterruptibly(10_000);
    }

    @Test
    void nettysClientsFragmentsAreEchoedWhole() throws Exception {
        NettyClient client = NettyClient.connect(ourServer.port());
        client.channel.write(new TextWebSocketFrame(false, 0, "Hel"));
        client.channel.writeAndFlush(new ContinuationWebSocketFrame(true, 0, "lo"));
        assertThat(client.next()).isEqualTo("Hello");
        client.channel.close().syncUninterruptibly();
    }

    /** Netty's server side: echoes frames as they come, closes with 4000 "bye" on command. */
    private static final class NettyEcho extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame && ((TextWebSocketFrame) frame).text().equals(EchoHandler.CLOSE_COMMAND)) {
                ctx.writeAndFlush(new CloseWebSocketFrame(4000, "bye"));
            } else {
                ctx.writeAndFlush(frame.retain());
            }
        }
    }

    /**
     * Netty's client: handshaker, protocol handler, aggregator, and a queue of what arrived, as
     * {@link Recorder} has it: a text as its {@code String}, a binary as its {@code byte[]}, others
     * as {@code "pong:<hex>"}, {@code "close:<code>:<reason>"}, {@code "error:<cause>"}.
     */
    private static final class NettyClient extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> handshaken = new CompletableFuture<>();
        Channel channel;

        static NettyClient connect(int port) {
            NettyClient client = new NettyClient();
            URI uri = URI.create("ws://127.0.0.1:" + port + "/netty");
            client.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                    new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                            uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, LIMIT), false),
                                    new WebSocketFrameAggregator(LIMIT), client);
                        }
                    }).connect("127.0.0.1", port).syncUninterruptibly().channel();
            client.handshaken.orTimeout(10, TimeUnit.SECONDS).join();
            return client;
        }

        Object next() throws InterruptedException {
            Object event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshaken.complete(null);
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame) {
                events.add(((TextWebSocketFrame) frame).text());
            } else if (frame instanceof BinaryWebSocketFrame) {
                events.add(ByteBufUtil.getBytes(frame.content()));
            } else if (frame instanceof PongWebSocketFrame) {
                events.add("pong:" + ByteBufUtil.hexDump(frame.content()));
            } else if (frame instanceof CloseWebSocketFrame) {
                CloseWebSocketFrame close = (CloseWebSocketFrame) frame;
                events.add("close:" + close.statusCode() + ":" + close.reasonText());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            events.add("error:" + cause);
            ctx.close();
        }
    }
}
