package dev.wskit.transport.core;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the threads of a server or client whose connections each hold a thread come from (a reader
 * per connection, the acceptor, the short tasks timers hand over), and the means to wait until
 * every one of them has ended. Thread-safe.
 *
 * <p>By default: virtual threads when the JDK has them, otherwise platform threads from a pool
 * bounded by {@code maxThreads}. A caller's {@link ThreadFactory} is used like the virtual one; a
 * caller's {@link Executor} runs the tasks, and then only the tasks can be awaited, not its threads.
 */
public final class ConnectionThreads {
    private static final long IDLE_THREAD_SECONDS = 60;

    private final Executor executor;
    private final ThreadPoolExecutor ownPool;
    /** The threads we made, joined on stop; {@code null} with a caller's executor. */
    private final JoinableThreads made;
    private int running;

    private ConnectionThreads(Executor callers) {
        this.executor = callers;
        this.ownPool = null;
        this.made = null;
    }

    private ConnectionThreads(ThreadFactory factory) {
        this.made = new JoinableThreads(factory);
        this.executor = task -> made.newThread(task).start();
        this.ownPool = null;
    }

    private ConnectionThreads(ThreadFactory platform, int maxThreads) {
        this.made = new JoinableThreads(platform);
        // No queue: a task either gets a thread at once or is refused, never waits behind a reader.
        this.ownPool = new ThreadPoolExecutor(0, maxThreads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), made);
        this.executor = ownPool;
    }

    /**
     * Runs every task on a caller's {@code executor}; only the tasks can be awaited.
     *
     * @param executor the caller's executor; it must run each task on a thread of its own at once
     *     (a reader holds its thread for the life of a connection), and stays the caller's to shut down
     * @return the threads of a server or client, backed by {@code executor}
     */
    public static ConnectionThreads onExecutor(Executor executor) {
        return new ConnectionThreads(executor);
    }

    /**
     * Makes a thread with {@code factory} for each task, and joins them all on termination.
     *
     * @param factory makes one new, unstarted thread per task; there is no bound on how many
     * @return the threads of a server or client, each one made by {@code factory}
     */
    public static ConnectionThreads fromFactory(ThreadFactory factory) {
        return new ConnectionThreads(factory);
    }

    /**
     * Virtual threads when available, otherwise a pool of at most {@code maxThreads} platform threads.
     *
     * @param prefix the start of each thread's name, followed by a count from 0
     * @param maxThreads the most platform threads running at once, each connection taking one;
     *     a task beyond it is refused rather than queued. Positive; unused with virtual threads
     * @param daemon whether the platform threads are daemons, which do not keep the JVM alive
     *     (virtual threads always are)
     * @return the threads of a server or client, virtual or pooled as the JDK allows
     */
    public static ConnectionThreads byDefault(String prefix, int maxThreads, boolean daemon) {
        ThreadFactory virtual = VirtualThreads.factory(prefix);
        if (virtual != null) {
            return new ConnectionThreads(virtual);
        }
        AtomicLong count = new AtomicLong();
        return new ConnectionThreads(task -> {
            Thread t = new Thread(task, prefix + count.getAndIncrement());
            t.setDaemon(daemon);
            return t;
        }, maxThreads);
    }

    /**
     * Runs {@code task} on a thread of its own.
     *
     * @param task what the thread runs (a connection's reader, the acceptor, a timer's task);
     *     {@link #awaitTermination()} waits until it has ended
     * @throws RejectedExecutionException when no thread is left (the pool is at its bound, or stopped)
     */
    public void execute(Runnable task) {
        synchronized (this) {
            running++;
        }
        try {
            executor.execute(new Counted(task));
        } catch (RejectedExecutionException e) {
            taskEnded();
            throw e;
        }
    }

    /**
     * A task as a thread runs it: counted until it ends, and let go of once started. A terminated
     * virtual thread keeps its Runnable, and {@link JoinableThreads} keeps the thread until the next one
     * is made; holding the task would keep a closed connection whole (engine, socket, buffers).
     */
    private final class Counted implements Runnable {
        private Runnable task;

        Counted(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            Runnable once = task;
            task = null;
            try {
                once.run();
            } finally {
                taskEnded();
            }
        }
    }

    private synchronized void taskEnded() {
        if (--running == 0) {
            notifyAll();
        }
    }

    /**
     * Returns once every task has ended and every thread we created has terminated. Not
     * interruptible: an interrupt is kept for the caller.
     */
    public void awaitTermination() {
        boolean interrupted = false;
        synchronized (this) {
            while (running > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (ownPool != null) {
            ownPool.shutdown();
        }
        if (made != null) {
            made.joinAll(0);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
