package dev.wskit.cluster;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** A presence watch of either implementation: its readiness, and how it ends, once. */
final class Watch implements Subscription {
    private final CompletionStage<Void> live;
    private final Runnable end;
    private final AtomicBoolean closed = new AtomicBoolean();

    Watch(CompletionStage<Void> live, Runnable end) {
        this.live = live;
        this.end = end;
    }

    @Override
    public CompletionStage<Void> live() {
        return live;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            end.run();
        }
    }
}
