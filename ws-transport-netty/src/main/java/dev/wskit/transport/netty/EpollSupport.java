package dev.wskit.transport.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;

/**
 * The only class that names Netty's epoll classes. The JVM links it lazily, so it is touched only
 * after {@link EventLoops} found those classes on the path: without them, nothing here loads.
 */
final class EpollSupport {
    private EpollSupport() {
    }

    /** Whether the epoll classes and their native library are usable on this machine. */
    static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    static boolean drives(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }

    static Class<? extends ServerChannel> serverChannelType() {
        return EpollServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> channelType() {
        return EpollSocketChannel.class;
    }
}
