package dev.wskit.protocol;

/**
 * What one connection holds of its server's memory: the engine asks before it grows a buffer a
 * peer makes it hold (a message being reassembled or inflated, output the peer has not read),
 * and gives the bytes back when it lets them go. A server-wide budget behind it says no when
 * memory runs short; the engine then fails the connection with {@code 1013}
 * ({@link ProtocolViolation#MEMORY_BUDGET_EXCEEDED}) instead of letting the process run out.
 *
 * <p>Called only on the thread that drives the connection; an implementation shared by many
 * connections is thread-safe itself.
 */
public interface MemoryAccount {
    /** No budget: every request is granted (the default of an engine that was given none). */
    MemoryAccount UNLIMITED = new MemoryAccount() {
        @Override
        public boolean reserve(long bytes) {
            return true;
        }

        @Override
        public void release(long bytes) {
        }
    };

    /**
     * Asks to hold {@code bytes} more (positive).
     *
     * @param bytes how many more bytes to hold; positive
     * @return whether they may be held; when not, nothing was reserved
     */
    boolean reserve(long bytes);

    /**
     * Gives back {@code bytes} (positive) of what was reserved.
     *
     * @param bytes how many bytes to give back; positive, and no more than this caller reserved
     */
    void release(long bytes);
}
