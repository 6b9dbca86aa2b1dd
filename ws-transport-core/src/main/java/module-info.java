/**
 * The one connection lifecycle every wskit transport drives: the {@code WebSocket} facade, the
 * driver that feeds the engine and obeys its decisions, and the interface a transport implements
 * to move bytes. Uses {@code java.util.concurrent}, never a socket.
 */
module dev.wskit.transport.core {
    requires transitive dev.wskit.protocol;

    exports dev.wskit.transport.core;
}
