/**
 * WebSockets over HTTP/2 (RFC 8441) on Netty 4.2:
 * {@link dev.wskit.transport.netty.http2.NettyHttp2WebSocketServer} serves, on one port, HTTP/1.1
 * WebSockets (RFC 6455's upgrade, as the Netty transport does) and HTTP/2 connections, h2c with
 * prior knowledge in cleartext or h2 where TLS's ALPN agrees on it; it announces
 * SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3), and each extended CONNECT stream with
 * {@code :protocol} {@code websocket} (RFC 8441 §4) becomes a WebSocket, answered {@code 200}
 * rather than {@code 101} and with no {@code Sec-WebSocket-Accept} (RFC 8441 §5).
 * {@link dev.wskit.transport.netty.http2.NettyHttp2WebSocketClient} opens every WebSocket to one
 * server as a stream of a single HTTP/2 connection.
 *
 * <p>Once open, a stream carries RFC 6455 frames in its DATA frames, with its own engine and
 * handler; closing the WebSocket ends the stream, not the connection, and the other streams go on.
 */
package dev.wskit.transport.netty.http2;
