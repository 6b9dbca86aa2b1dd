/**
 * The one connection lifecycle every wskit transport drives: the {@code WebSocket} facade, the
 * driver that feeds the engine and obeys its decisions, and the interface a transport implements
 * to move bytes. Uses {@code java.util.concurrent}, never a socket.
 */
module dev.wskit.transport.core {
    requires transitive dev.wskit.protocol;
    // The connections' events for the JDK Flight Recorder (dev.wskit.transport.core.jfr).
    requires jdk.jfr;

    exports dev.wskit.transport.core;
    exports dev.wskit.transport.core.jfr;
}
