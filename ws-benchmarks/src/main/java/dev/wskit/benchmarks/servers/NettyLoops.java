package dev.wskit.benchmarks.servers;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of every Netty-based echo server (Netty's own, wskit on Netty, raw TCP): one
 * acceptor and the same number of NIO workers for each, so the stacks differ only above the
 * socket. NIO rather than epoll because wskit's transport picks epoll only when the application
 * adds it; comparing both on NIO keeps the transport layer identical.
 */
final class NettyLoops {
    final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final EventLoopGroup workers;

    NettyLoops(int workerThreads) {
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads, NioIoHandler.newFactory());
    }

    void shutdown() {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
