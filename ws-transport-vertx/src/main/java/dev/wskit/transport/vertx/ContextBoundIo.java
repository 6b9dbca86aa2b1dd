package dev.wskit.transport.vertx;

import dev.wskit.transport.core.ConnectionIo;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * The part of every {@link ConnectionIo} of this transport that its owner decides: a connection
 * is owned by a Vert.x context, where its tasks and timers run.
 */
interface ContextBoundIo extends ConnectionIo {

    /** The context that owns this connection. */
    Context context();

    /**
     * On the connection's context and on the thread that runs it: inside {@code executeBlocking}
     * the current context is the connection's own while the thread is a worker. The identity keeps
     * a call from another context on the same event loop on its own side of a hop.
     */
    @Override
    default boolean isOwner() {
        return Vertx.currentContext() == context() && ((ContextInternal) context()).inThread();
    }

    @Override
    default String transportName() {
        return "vertx";
    }

    @Override
    default void runAsOwner(Runnable task) {
        context().runOnContext(v -> task.run());
    }

    /** A Vert.x timer set on a context fires on it. */
    @Override
    default Scheduled schedule(long delayNanos, Runnable task) {
        return schedule(context().owner(), delayNanos, task);
    }

    /** A Vert.x timer, on the calling context; also for a client's proxy exchange. */
    static Scheduled schedule(Vertx vertx, long delayNanos, Runnable task) {
        // Rounded up: a timer that fires early only costs one more wake-up.
        long timer = vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> task.run());
        return () -> vertx.cancelTimer(timer);
    }

    /** Vert.x flushes a socket's writes itself, at the end of each read batch or at once. */
    @Override
    default void flush() {
    }
}
