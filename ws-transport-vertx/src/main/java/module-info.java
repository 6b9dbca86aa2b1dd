/**
 * The wskit engine over Vert.x 5 core: {@code NetServer}/{@code NetClient} sockets, one engine per
 * socket driven on that socket's context, futures for everything asynchronous.
 */
module dev.wskit.transport.vertx {
    requires transitive dev.wskit.transport.core;
    requires transitive io.vertx.core;
    requires io.netty.buffer;
    // Half-close and reset go to the Netty channel under a socket (NetSocketConnection).
    requires io.netty.transport;
    requires io.netty.handler;
    // TLS inside a proxy's tunnel is a Netty handler whose handshake future is Netty's (TlsInTunnel).
    requires io.netty.common;

    exports dev.wskit.transport.vertx;
}
