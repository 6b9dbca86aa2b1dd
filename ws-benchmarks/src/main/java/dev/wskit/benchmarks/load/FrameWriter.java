package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * Writes the frames of the messages one echo connection sends, message {@code sequence} after
 * message {@code sequence - 1}: pre-encoded ({@link MessageTemplate}) or compressed as they go
 * ({@link DeflatingWriter}).
 */
interface FrameWriter {
    /** The most bytes {@link #writeFrame} appends for one message. */
    int maxFrameLength();

    /** Appends the frame (or frames) of message {@code sequence} to {@code out}. */
    void writeFrame(ByteBuffer out, long sequence);

    /** Frees what the writer holds outside the heap (a compressor); it is not used after. */
    default void end() {
    }
}
