package dev.wskit.transport.blocking;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Netty's own WebSocket server, echoing each data frame as it came (fragments stay fragments).
 * A text message {@code "close-me"} makes it start the closing handshake with
 * {@value #SERVER_CLOSE_CODE} {@value #SERVER_CLOSE_REASON}.
 */
final class NettyEchoServer implements AutoCloseable {
    static final int SERVER_CLOSE_CODE = 4001;
    static final String SERVER_CLOSE_REASON = "server says bye";
    private static final int MAX_FRAME_PAYLOAD = 8 * 1024 * 1024;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    NettyEchoServer() throws InterruptedException {
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(64 * 1024),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/echo")
                                        .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                                        .build()),
                                new Echo());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame && ((TextWebSocketFrame) frame).text().equals("close-me")) {
                ctx.writeAndFlush(new CloseWebSocketFrame(SERVER_CLOSE_CODE, SERVER_CLOSE_REASON));
                return;
            }
            // Text, binary and continuation frames: the same frame back.
            ctx.writeAndFlush(frame.retainedDuplicate());
        }
    }
}
