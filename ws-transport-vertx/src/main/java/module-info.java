/**
 * The wskit engine over Vert.x 5 core: {@code NetServer}/{@code NetClient} sockets, one engine per
 * socket driven on that socket's context, futures for everything asynchronous.
 */
module dev.wskit.transport.vertx {
    requires transitive dev.wskit.protocol;
    requires transitive io.vertx.core;
    requires io.netty.buffer;

    exports dev.wskit.transport.vertx;
}
