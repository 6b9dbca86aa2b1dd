/**
 * WebSockets over HTTP/2 (RFC 8441) on Netty 4.2: a server whose port serves HTTP/1.1 WebSockets
 * as ever and, over h2c with prior knowledge or h2 over TLS, one WebSocket per HTTP/2 stream.
 */
module dev.wskit.transport.netty.http2 {
    requires transitive dev.wskit.transport.netty;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;

    exports dev.wskit.transport.netty.http2;
}
