package dev.wskit.cluster;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A node's link to Redis, as its two connections find it: the reader's and the one for
 * publishes. It is {@link ClusterState#UP} while both work; each change is told to the listener
 * on the delivery thread, in order, and an UP runs {@code onUp} there after it.
 */
final class Link {
    private final Executor delivery;
    private final ClusterListener listener;
    private final Runnable onUp;
    private boolean readerWorks = true;
    private boolean commandsWork = true;
    private ClusterState state = ClusterState.UP;

    Link(Executor delivery, ClusterListener listener, Runnable onUp) {
        this.delivery = delivery;
        this.listener = listener;
        this.onUp = onUp;
    }

    /**
     * Whether {@code failure} says Redis is out of reach (a lost connection, a refused command,
     * a timeout), rather than an error Redis answered with.
     */
    static boolean isLinkFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return !(cause instanceof RedisCommandExecutionException);
    }

    synchronized ClusterState state() {
        return state;
    }

    synchronized void reader(boolean works, Throwable cause) {
        readerWorks = works;
        update(cause);
    }

    synchronized void commands(boolean works, Throwable cause) {
        commandsWork = works;
        update(cause);
    }

    private void update(Throwable cause) {
        ClusterState now = readerWorks && commandsWork ? ClusterState.UP : ClusterState.DOWN;
        if (now == state) {
            return;
        }
        state = now;
        delivery.execute(() -> {
            listener.stateChanged(now, now == ClusterState.UP ? null : cause);
            if (now == ClusterState.UP) {
                onUp.run();
            }
        });
    }
}
