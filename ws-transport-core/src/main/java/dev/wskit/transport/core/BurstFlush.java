package dev.wskit.transport.core;

import java.util.Objects;

/**
 * One flush per read burst, for a transport told where a burst of reads ends (Netty's
 * {@code channelReadComplete}): what the engine writes while it reads (echoes, pongs, a close's
 * answer) waits for the one flush at the burst's end, so many small answers leave in one write
 * instead of one each; outside a burst a flush goes out at once. On the connection's owner only.
 */
public final class BurstFlush {
    private final Runnable flush;
    private boolean inBurst;
    private boolean unflushed;

    /**
     * Flushes with {@code flush}.
     *
     * @param flush the transport's flush of what it was given to write
     */
    public BurstFlush(Runnable flush) {
        this.flush = Objects.requireNonNull(flush, "flush");
    }

    /** Bytes were read: a burst is under way, or goes on. */
    public void reading() {
        inBurst = true;
    }

    /** Something was given to the transport to write, not flushed yet. */
    public void written() {
        unflushed = true;
    }

    /** The driver's flush: at once outside a burst, else at its end. */
    public void flush() {
        if (unflushed && !inBurst) {
            unflushed = false;
            flush.run();
        }
    }

    /** The burst of reads ended: what it wrote goes out now. */
    public void burstEnded() {
        inBurst = false;
        flush();
    }
}
