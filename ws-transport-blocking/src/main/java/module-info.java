/**
 * The wskit engine over {@code java.net} sockets: one thread per connection, server and client,
 * TLS through {@code javax.net.ssl}. The engine's API ({@code WebSocket}, {@code WebSocketHandler},
 * {@code WebSocketConfig}) is part of ours, hence {@code requires transitive}.
 */
module dev.wskit.transport.blocking {
    requires transitive dev.wskit.transport.core;

    exports dev.wskit.transport.blocking;
}
