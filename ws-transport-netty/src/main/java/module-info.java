/**
 * The wskit engine on Netty 4.2: a channel handler driving one engine per channel, a server and
 * a client built on it.
 */
module dev.wskit.transport.netty {
    requires transitive dev.wskit.transport.core;
    requires transitive io.netty.transport;
    requires transitive io.netty.handler;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.codec.http;
    // DecoderResult: whether the HTTP codec could read a request (WebSocketUpgradeHandler).
    requires io.netty.codec;
    // Used only when the application puts Netty's epoll classes on the path (EpollSupport).
    requires static io.netty.transport.classes.epoll;

    exports dev.wskit.transport.netty;
}
