package dev.wskit.protocol;

/**
 * Frees the memory of a payload handed over to a connection, such as a pooled buffer's
 * reference; see
 * {@link dev.wskit.protocol.engine.WebSocketEngine#transferBinary(java.nio.ByteBuffer, boolean, PayloadRelease)}.
 * The engine, or its transport, calls it exactly once.
 */
@FunctionalInterface
public interface PayloadRelease {
    /** Frees the payload; called once, when it was written, dropped or refused. */
    void release();
}
