package dev.wskit.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The baseline: an echo server written the way Netty's own examples write one, with
 * {@code HttpServerCodec}, {@code HttpObjectAggregator} and {@code WebSocketServerProtocolHandler}
 * (which answers pings and closes, and validates UTF-8 as wskit does), no extensions. Each data
 * frame goes back as it came, one flush per read burst, as a performance-minded Netty user writes
 * it (a flush per frame would handicap the baseline).
 */
final class NettyOwnEchoServer implements EchoServer {
    private final NettyLoops loops;
    private final Channel serverChannel;

    private NettyOwnEchoServer(NettyLoops loops, Channel serverChannel) {
        this.loops = loops;
        this.serverChannel = serverChannel;
    }

    static EchoServer start(String host, int port, int threads) {
        NettyLoops loops = new NettyLoops(threads);
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .maxFramePayloadLength(EchoLimits.MAX_MESSAGE_BYTES)
                .allowExtensions(false)
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss, loops.workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(EchoLimits.MAX_HANDSHAKE_BYTES),
                                new WebSocketServerProtocolHandler(protocol),
                                FrameEcho.INSTANCE);
                    }
                });
        return new NettyOwnEchoServer(loops, bootstrap.bind(host, port).syncUninterruptibly().channel());
    }

    @Override
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        loops.shutdown();
    }

    /** Writes each data frame back (its ownership passes to the write); flushes once per read burst. */
    @ChannelHandler.Sharable
    static final class FrameEcho extends ChannelInboundHandlerAdapter {
        static final FrameEcho INSTANCE = new FrameEcho();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                ctx.write(msg, ctx.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A load client that just drops its sockets resets them; that is not worth a log line.
            ctx.close();
        }
    }
}
