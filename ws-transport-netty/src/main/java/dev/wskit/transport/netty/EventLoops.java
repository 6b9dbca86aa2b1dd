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
 * The event loop group a server or client runs on: the application's, which it never shuts down,
 * or one it created for itself (epoll when Netty's epoll classes are on the path and usable, else
 * NIO), with the threads it started, so that shutting it down can wait until every one of them has
 * ended. Also picks the channel classes matching a group.
 */
final class EventLoops {
    private static final boolean EPOLL = epollUsable();

    private final EventLoopGroup group;
    /** The threads of a group created here; {@code null} for the application's. */
    private final JoinableThreads threads;

    private EventLoops(EventLoopGroup group, JoinableThreads threads) {
        this.group = group;
        this.threads = threads;
    }

    /** The application's {@code given} group, or when it gave none ({@code null}) one of this server's or client's own. */
    static EventLoops givenOrOwn(EventLoopGroup given, String threadNamePrefix, int threadCount) {
        if (given != null) {
            return new EventLoops(given, null);
        }
        JoinableThreads threads = new JoinableThreads(new DefaultThreadFactory(threadNamePrefix, true));
        IoHandlerFactory io = EPOLL ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
        return new EventLoops(new MultiThreadIoEventLoopGroup(threadCount, threads, io), threads);
    }

    EventLoopGroup group() {
        return group;
    }

    /** Shuts a group created here down and waits, up to {@code timeout}, until its threads have ended. */
    void shutdown(Duration timeout) {
        if (threads == null) {
            return;
        }
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
