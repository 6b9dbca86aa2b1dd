package dev.wskit.transport.vertx;

import dev.wskit.transport.core.ConnectionIo;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * The owner of a connection in Vert.x: its context. Runs tasks and timers there, and tells
 * whether the calling thread is the owner; shared by every {@link ConnectionIo} of this transport.
 */
final class ContextOwner {
    private final Vertx vertx;
    private final Context context;

    ContextOwner(Vertx vertx, Context context) {
        this.vertx = vertx;
        this.context = context;
    }

    /**
     * On the connection's context and on the thread that runs it: inside {@code executeBlocking}
     * the current context is the connection's own while the thread is a worker. The identity keeps
     * a call from another context on the same event loop on its own side of a hop.
     */
    boolean isOwner() {
        return Vertx.currentContext() == context && ((ContextInternal) context).inThread();
    }

    void runAsOwner(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    ConnectionIo.Scheduled schedule(long delayNanos, Runnable task) {
        // A Vert.x timer set on a context fires on it.
        // Rounded up: a timer that fires early only costs one more wake-up.
        long timer = vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> task.run());
        return () -> vertx.cancelTimer(timer);
    }
}
