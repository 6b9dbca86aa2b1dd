package dev.wskit.protocol.engine;

import dev.wskit.protocol.PayloadRelease;
import java.nio.ByteBuffer;

/**
 * How a transport lets the application keep a message that lies in a buffer it passed to
 * {@link WebSocketEngine#receive}, without a copy: it keeps that buffer's memory alive until the
 * returned release runs (a pooled buffer gains a reference; a buffer used once is simply not
 * reused). Called on the thread that drives the engine, during {@code receive}.
 */
@FunctionalInterface
public interface ReadBufferRetainer {
    /**
     * Keeps {@code buffer}'s memory as it is until the returned release runs.
     *
     * @param buffer a buffer the transport passed to {@code receive} in the call under way
     * @return what frees it again, run exactly once; or {@code null} when this buffer cannot be
     *     kept (it will be reused), so the engine copies the message instead
     */
    PayloadRelease retain(ByteBuffer buffer);
}
