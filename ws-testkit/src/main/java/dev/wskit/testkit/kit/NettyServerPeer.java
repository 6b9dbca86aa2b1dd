package dev.wskit.testkit.kit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Netty's own WebSocket server ({@code WebSocketServerProtocolHandler}) on {@code /echo}, a peer
 * we did not write: it echoes each data frame as it came (fragments stay fragments, so with a
 * compression handler Netty compresses a fragmented message too), answers the text
 * {@value #CLOSE_COMMAND} by closing with {@value #CLOSE_CODE} {@value #CLOSE_REASON}, and any
 * other path with a plain {@code 404}. Made by {@link Kit#nettyServer()}.
 */
public class NettyServerPeer implements AutoCloseable {
    public static final String CLOSE_COMMAND = "close-me";
    public static final int CLOSE_CODE = 4001;
    public static final String CLOSE_REASON = "server says bye";

    private final Channel channel;

    /** @param compression makes the extension handler of each connection, or {@code null} for none */
    public NettyServerPeer(EventLoopGroup group, Supplier<ChannelHandler> compression) {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024));
                        if (compression != null) {
                            ch.pipeline().addLast(compression.get());
                        }
                        ch.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/echo").allowExtensions(true)
                                        .maxFramePayloadLength(NettyPeer.MAX_MESSAGE).build()),
                                new Echo(), new NotFound());
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The echo's address. */
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port() + "/echo");
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text && text.text().equals(CLOSE_COMMAND)) {
                ctx.writeAndFlush(new CloseWebSocketFrame(CLOSE_CODE, CLOSE_REASON));
            } else {
                ctx.writeAndFlush(frame.retainedDuplicate());
            }
        }
    }

    private static final class NotFound extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
