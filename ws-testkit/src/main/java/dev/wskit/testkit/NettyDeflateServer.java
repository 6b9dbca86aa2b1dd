package dev.wskit.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Netty's own WebSocket server with its compression handler, echoing each data frame as it
 * came: fragments stay fragments, so Netty compresses a fragmented message too.
 */
public final class NettyDeflateServer implements AutoCloseable {
    private final Channel channel;

    /** Netty's stock handler: declines an offer with server_no_context_takeover (allowServerNoContext false). */
    public static ChannelHandler stockCompression() {
        return new WebSocketServerCompressionHandler();
    }

    /** permessage-deflate that honours server_no_context_takeover when offered. */
    public static ChannelHandler compressionAllowingServerNoContextTakeover() {
        return new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(6, false,
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false));
    }

    public NettyDeflateServer(EventLoopGroup group, Supplier<ChannelHandler> compression) {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024), compression.get(),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/echo").allowExtensions(true)
                                        .maxFramePayloadLength(NettyDeflateClient.MAX_MESSAGE).build()),
                                new Echo());
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            ctx.writeAndFlush(frame.retainedDuplicate());
        }
    }
}
