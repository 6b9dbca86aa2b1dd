package dev.wskit.transport.netty;

import dev.wskit.transport.core.Uninterruptibly;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * An event loop group a server or client created for itself (epoll when Netty's epoll classes
 * are on the path and usable, else NIO), with the threads it started, so that shutting it down
 * can wait until every one of them has ended. Also picks the channel classes matching a group.
 */
final class EventLoops {
    private static final boolean EPOLL = epollUsable();

    private final EventLoopGroup group;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    EventLoops(String threadNamePrefix, int threadCount) {
        ThreadFactory names = new DefaultThreadFactory(threadNamePrefix, true);
        ThreadFactory tracked = task -> {
            Thread thread = names.newThread(task);
            threads.add(thread);
            return thread;
        };
        IoHandlerFactory io = EPOLL ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threadCount, tracked, io);
    }

    EventLoopGroup group() {
        return group;
    }

    /** Shuts the group down and waits, up to {@code timeout}, until its threads have ended. */
    void shutdown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        group.terminationFuture().awaitUninterruptibly(timeout.toMillis());
        for (Thread thread : threads) {
            Uninterruptibly.join(thread, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
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
