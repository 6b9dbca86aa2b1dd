package dev.wskit.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** A server bound on its own {@link NettyLoops}, each accepted channel's pipeline built by the caller. */
final class NettyEchoServer implements EchoServer {
    private final NettyLoops loops;
    private final Channel serverChannel;

    private NettyEchoServer(NettyLoops loops, Channel serverChannel) {
        this.loops = loops;
        this.serverChannel = serverChannel;
    }

    static EchoServer start(String host, int port, int threads, Consumer<ChannelPipeline> pipeline) {
        NettyLoops loops = new NettyLoops(threads);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss, loops.workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        pipeline.accept(channel.pipeline());
                    }
                });
        return new NettyEchoServer(loops, bootstrap.bind(host, port).syncUninterruptibly().channel());
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
}
