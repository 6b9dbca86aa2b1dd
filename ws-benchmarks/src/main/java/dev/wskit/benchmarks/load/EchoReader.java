package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * Checks the echoes coming back on one connection, incrementally: as they were sent
 * ({@link EchoParser}) or compressed ({@link InflatingEchoParser}). Keeps no reference to the
 * buffers it is given, so one read buffer serves every connection of a thread.
 */
interface EchoReader {
    /**
     * Consumes all of {@code in}, telling its listener of every echo completed.
     *
     * @throws EchoMismatch at the first byte that is not the echo expected
     */
    void consume(ByteBuffer in);

    /** Frees what the reader holds outside the heap (a decompressor); it is not used after. */
    default void end() {
    }
}
