package dev.wskit.transport.core;

import dev.wskit.protocol.MemoryAccount;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * Everything that makes a connection's course what it was, seen where it enters the driver: input
 * from outside (bytes, timers, the transport, the application's calls), and every answer the engine
 * gets from code that is not its own (the clock, the application's deciders and handlers, the
 * memory budget, the transport's unwritten bytes). A recorder writes them to a wire trace
 * ({@link TraceRecorder}); a replay feeds them back ({@link TraceReplay}); {@link #NONE} is
 * the connection as it is, with nothing watching.
 *
 * <p>The wrapping methods are called once, when the driver is made; the others on the owner.
 */
interface WireTap {
    WireTap NONE = new WireTap() { };

    default LongSupplier clock(LongSupplier clock) {
        return clock;
    }

    default WebSocketConfig config(WebSocketConfig config) {
        return config;
    }

    /** The application's handler; the driver's own lifecycle wraps what this returns. */
    default WebSocketHandler handler(WebSocketHandler application) {
        return application;
    }

    default UpgradeDecider decider(UpgradeDecider decider) {
        return decider;
    }

    default MemoryAccount account(MemoryAccount account) {
        return account;
    }

    /** The engine's socket, as the application's calls reach it. */
    default WebSocket socket(WebSocket engineSocket) {
        return engineSocket;
    }

    default void started(ConnectionIo io) {
    }

    default void received(ByteBuffer in) {
    }

    default void wokeUp() {
    }

    default void progressed() {
    }

    default void closed() {
    }

    /** The driver has done all a closed transport means (the handler heard the close). */
    default void ended() {
    }

    default void shed() {
    }

    /** A decision that came later arrived: {@code decision}, or {@code failure}. */
    default void decided(UpgradeDecision decision, Throwable failure) {
    }

    /** The application hands over a binary payload the engine frees explicitly (see {@link WebSocketFacade}). */
    default void transferring(ByteBuffer data, boolean last) {
    }

    /** A send handed over from another thread failed when the owner ran it. */
    default void applicationFailed(RuntimeException misuse) {
    }

    /** What the transport and the hand-over hold unwritten, as the lifecycle will see it. */
    default long unwritten(long unwritten) {
        return unwritten;
    }

    /** Bytes the engine queued, about to be written; {@code out} keeps its position. */
    default void written(ByteBuffer out) {
    }
}
