package dev.wskit.transport.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The open connections of one server or client, and the one way they all end when it stops:
 * {@code 1001} to each (RFC 6455 §7.4.1), a bounded wait for their closing handshakes, then the
 * rest dropped. Admits up to a limit, and none once closing. Thread-safe.
 */
public final class ConnectionGroup {
    /** What the group does with a connection; both callable from any thread. */
    public interface Member {
        /**
         * Starts the closing handshake with {@code 1001} and {@code reason}.
         *
         * @param reason the close reason, at most 123 UTF-8 bytes
         */
        void goingAway(String reason);

        /** Ends the connection at once, without waiting for anything queued (a reset). */
        void drop();

        /**
         * A member from the two actions, for a connection that cannot implement this itself.
         *
         * @param goingAway starts the closing handshake with the reason given
         * @param drop ends the connection at once
         * @return a member running {@code goingAway} and {@code drop}
         */
        static Member of(Consumer<String> goingAway, Runnable drop) {
            Objects.requireNonNull(goingAway, "goingAway");
            Objects.requireNonNull(drop, "drop");
            return new Member() {
                @Override
                public void goingAway(String reason) {
                    goingAway.accept(reason);
                }

                @Override
                public void drop() {
                    drop.run();
                }
            };
        }
    }

    private final int limit;
    private final Set<Member> live = new HashSet<>();
    private boolean closing;

    /**
     * A group of at most {@code limit} connections.
     *
     * @param limit the most connections at once; at least 1
     */
    public ConnectionGroup(int limit) {
        this.limit = ArgumentChecks.positive(limit, "limit");
    }

    /**
     * A group bounded only by what the machine holds.
     *
     * @return a group of at most {@link Integer#MAX_VALUE} connections
     */
    public static ConnectionGroup unbounded() {
        return new ConnectionGroup(Integer.MAX_VALUE);
    }

    /**
     * Admits {@code member} unless the group is full or closing.
     *
     * @param member the connection, as its transport can end it
     * @return {@code true} when admitted; {@code false} when the group is full or closing
     */
    public synchronized boolean tryAdd(Member member) {
        if (closing || live.size() >= limit) {
            return false;
        }
        live.add(member);
        return true;
    }

    /**
     * Admits {@code connection} as {@link #tryAdd} does, until it has ended.
     *
     * @param connection the driver of a connection just started
     * @return {@code true} when admitted; {@code false} when the group is full or closing
     */
    public boolean admit(ConnectionDriver connection) {
        if (!tryAdd(connection)) {
            return false;
        }
        connection.ended().thenRun(() -> remove(connection));
        return true;
    }

    /**
     * The connection ended.
     *
     * @param member the connection, as admitted
     */
    public synchronized void remove(Member member) {
        live.remove(member);
        if (live.isEmpty()) {
            notifyAll();
        }
    }

    /**
     * Whether {@link #closeAll} was called: the group admits no more.
     *
     * @return {@code true} once closing
     */
    public synchronized boolean isClosing() {
        return closing;
    }

    /**
     * Admits no more, starts the closing handshake on every connection with {@code 1001} and
     * {@code reason}, waits up to {@code grace} for them to end, then drops the rest. Not
     * interruptible: an interrupt cuts the grace short and is kept for the caller.
     *
     * @param reason the close reason, at most 123 UTF-8 bytes
     * @param grace how long to wait for the closing handshakes; 0 or more
     */
    public void closeAll(String reason, Duration grace) {
        ArgumentChecks.notNegative(grace, "grace");
        List<Member> open;
        synchronized (this) {
            closing = true;
            open = List.copyOf(live);
        }
        open.forEach(member -> member.goingAway(reason));
        boolean interrupted = awaitEmpty(grace);
        synchronized (this) {
            open = List.copyOf(live);
        }
        open.forEach(Member::drop);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether an interrupt cut the wait short. */
    private synchronized boolean awaitEmpty(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (long left = grace.toNanos(); !live.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }
}
