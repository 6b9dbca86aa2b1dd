package dev.wskit.transport.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The owner of a connection on a transport whose threads block (a reader thread per connection,
 * senders on any thread): whoever holds this lock. It is the {@link ConnectionIo#isOwner()},
 * {@link ConnectionIo#runsLaterFromHere()} and {@link ConnectionIo#runAsOwner} of such a
 * transport.
 *
 * <p>A thread that is not inside any connection's callback takes the lock and runs its call. A
 * thread inside another connection's callback never waits for this lock (two callbacks sending to
 * each other would deadlock): its call is handed to whoever holds the lock, or run at once if
 * nobody does. The outermost holder runs what was handed to it before it lets go, then the
 * follow-up it was built with (a blocking transport writes there, outside the lock).
 */
public final class OwnerLock {
    /** How many connection locks this thread holds: above zero, it runs some handler's callback. */
    private static final ThreadLocal<int[]> LOCKS_HELD = ThreadLocal.withInitial(() -> new int[1]);

    private static final VarHandle HANDED_OFF = handedOffHandle();

    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Calls from other connections' callbacks, waiting for this lock; made by the first such call,
     * as most connections never get one and an empty queue is two objects each.
     */
    private volatile ConcurrentLinkedQueue<Runnable> handedOff;
    private final Runnable afterLetGo;

    /**
     * A connection's lock, free.
     *
     * @param afterLetGo runs on the thread that let go of the lock as its outermost holder
     */
    public OwnerLock(Runnable afterLetGo) {
        this.afterLetGo = afterLetGo;
    }

    /**
     * How many connection locks the calling thread holds.
     *
     * @return the count, at least 0
     */
    public static int heldByThisThread() {
        return LOCKS_HELD.get()[0];
    }

    /**
     * Whether the calling thread holds this connection's lock.
     *
     * @return {@code true} when the calling thread holds it
     */
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * See {@link ConnectionIo#runsLaterFromHere()}: from inside another connection's callback.
     *
     * @return {@code true} when a task given now would run later, after the caller returns
     */
    public boolean runsLaterFromHere() {
        return !lock.isHeldByCurrentThread() && heldByThisThread() > 0;
    }

    /**
     * See {@link ConnectionIo#runAsOwner}: under the lock now, or handed to its holder.
     *
     * @param task what to run as the owner
     */
    public void runAsOwner(Runnable task) {
        if (runsLaterFromHere()) {
            handedOff().add(task);
            // Run at once if nobody holds the lock; otherwise its holder runs it as it lets go.
            if (lock.tryLock()) {
                LOCKS_HELD.get()[0]++;
                release();
            }
            return;
        }
        acquire();
        try {
            task.run();
        } finally {
            release();
        }
    }

    /** Takes the lock, waiting for it; {@link #release()} gives it back. */
    public void acquire() {
        lock.lock();
        LOCKS_HELD.get()[0]++;
    }

    /** {@link #letGo()}, then the follow-up when this thread no longer holds the lock. */
    public void release() {
        if (letGo()) {
            afterLetGo.run();
        }
    }

    /**
     * Unlocks without the follow-up (for the follow-up itself); the outermost holder first runs
     * the calls handed off meanwhile, and takes the lock back if more arrived as it let go (a
     * sender that found it held left them to us).
     *
     * @return whether this thread no longer holds the lock
     */
    public boolean letGo() {
        boolean outermost = lock.getHoldCount() == 1;
        try {
            if (outermost) {
                runHandedOff();
            }
        } finally {
            LOCKS_HELD.get()[0]--;
            lock.unlock();
        }
        ConcurrentLinkedQueue<Runnable> waiting = handedOff;
        if (outermost && waiting != null && !waiting.isEmpty() && lock.tryLock()) {
            LOCKS_HELD.get()[0]++;
            return letGo();
        }
        return outermost;
    }

    /**
     * A condition of this lock, for a holder that waits (a paused reader).
     *
     * @return a new condition
     */
    public Condition newCondition() {
        return lock.newCondition();
    }

    private void runHandedOff() {
        ConcurrentLinkedQueue<Runnable> waiting = handedOff;
        if (waiting == null) {
            return;
        }
        for (Runnable task; (task = waiting.poll()) != null; ) {
            task.run();
        }
    }

    /** The queue of handed-off calls, made by the first caller that needs it (any thread). */
    private ConcurrentLinkedQueue<Runnable> handedOff() {
        ConcurrentLinkedQueue<Runnable> waiting = handedOff;
        if (waiting == null) {
            HANDED_OFF.compareAndSet(this, null, new ConcurrentLinkedQueue<Runnable>());
            waiting = handedOff;
        }
        return waiting;
    }

    private static VarHandle handedOffHandle() {
        try {
            return MethodHandles.lookup().findVarHandle(OwnerLock.class, "handedOff", ConcurrentLinkedQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
