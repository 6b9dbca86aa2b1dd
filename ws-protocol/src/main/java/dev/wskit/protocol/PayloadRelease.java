package dev.wskit.protocol;

/**
 * Frees the memory of a payload handed over to a connection, such as a pooled buffer's
 * reference; see {@link WebSocketConnection#transferBinary(java.nio.ByteBuffer, boolean, PayloadRelease)}.
 * The connection, or its transport, calls it exactly once.
 */
@FunctionalInterface
public interface PayloadRelease {
    void release();
}
