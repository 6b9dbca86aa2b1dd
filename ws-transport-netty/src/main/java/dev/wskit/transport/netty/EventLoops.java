package dev.wskit.transport.netty;

import dev.wskit.transport.core.JoinableThreads;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An event loop group a server or client created for itself (epoll when Netty's epoll classes
 * are on the path and usable, else NIO), with the threads it started, so that shutting it down
 * can wait until every one of them has ended. Also picks the channel classes matching a group.
 */
final class EventLoops {
    private static final boolean EPOLL = epollUsable();

    private final EventLoopGroup group;
    private final JoinableThreads threads;

    EventLoops(String threadNamePrefix, int threadCount) {
        this.threads = new JoinableThreads(new DefaultThreadFactory(threadNamePrefix, true));
        IoHandlerFactory io = EPOLL ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threadCount, threads, io);
    }

    EventLoopGroup group() {
        return group;
    }

    /** Shuts the group down and waits, up to {@code timeout}, until its threads have ended. */
    void shutdown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        group.terminationFuture().awaitUninterruptibly(timeout.toMillis());
        threads.joinAll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }

    static Class<? extends ServerChannel> serverChannelType(EventLoopGroup group) {
        return EPOLL && EpollSupport.drives(group) ? EpollSupport.serverChannelType() : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        return EPOLL && EpollSupport.drives(group) ? EpollSupport.channelType() : NioSocketChannel.class;
    }

    private static boolean epollUsable() {
        try {
            Class.forName("io.netty.channel.epoll.Epoll", false, EventLoops.class.getClassLoader());
            return EpollSupport.isAvailable();
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
