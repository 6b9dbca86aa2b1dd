package dev.wskit.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * A trivial TCP echo on the same Netty event loops as the WebSocket servers: bytes back as they
 * came, no handshake, no framing. It is the ceiling the load tool has to reach for its numbers
 * against the WebSocket servers to mean anything (the tool's {@code --raw} mode sends the same
 * masked frames and checks them coming back still masked).
 */
final class RawTcpEchoServer implements EchoServer {
    private final NettyLoops loops;
    private final Channel serverChannel;

    private RawTcpEchoServer(NettyLoops loops, Channel serverChannel) {
        this.loops = loops;
        this.serverChannel = serverChannel;
    }

    static EchoServer start(String host, int port, int threads) {
        NettyLoops loops = new NettyLoops(threads);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss, loops.workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(BytesEcho.INSTANCE);
                    }
                });
        return new RawTcpEchoServer(loops, bootstrap.bind(host, port).syncUninterruptibly().channel());
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

    @ChannelHandler.Sharable
    static final class BytesEcho extends ChannelInboundHandlerAdapter {
        static final BytesEcho INSTANCE = new BytesEcho();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
