package dev.wskit.transport.vertx;

import dev.wskit.transport.core.ConnectionIo;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * The part of every {@link ConnectionIo} of this transport that its owner decides: a connection
 * is owned by a Vert.x context, where its tasks and timers run.
 */
abstract class ContextBoundIo implements ConnectionIo {
    private final Vertx vertx;
    private final Context context;

    ContextBoundIo(Vertx vertx, Context context) {
        this.vertx = vertx;
        this.context = context;
    }

    /**
     * On the connection's context and on the thread that runs it: inside {@code executeBlocking}
     * the current context is the connection's own while the thread is a worker. The identity keeps
     * a call from another context on the same event loop on its own side of a hop.
     */
    @Override
    public final boolean isOwner() {
        return Vertx.currentContext() == context && ((ContextInternal) context).inThread();
    }

    @Override
    public final String transportName() {
        return "vertx";
    }

    @Override
    public final void runAsOwner(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public final Scheduled schedule(long delayNanos, Runnable task) {
        // A Vert.x timer set on a context fires on it.
        // Rounded up: a timer that fires early only costs one more wake-up.
        long timer = vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> task.run());
        return () -> vertx.cancelTimer(timer);
    }

    Vertx vertx() {
        return vertx;
    }

    Context context() {
        return context;
    }
}
