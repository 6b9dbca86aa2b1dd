package dev.wskit.cluster;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** A membership of either implementation: its feed's names, its readiness, and how it leaves, once. */
final class FeedMembership implements Membership {
    private final MemberFeed feed;
    private final CompletionStage<Void> live;
    private final Runnable leave;
    private final AtomicBoolean closed = new AtomicBoolean();

    FeedMembership(MemberFeed feed, CompletionStage<Void> live, Runnable leave) {
        this.feed = feed;
        this.live = live;
        this.leave = leave;
    }

    @Override
    public String topic() {
        return feed.topic();
    }

    @Override
    public String member() {
        return feed.member();
    }

    @Override
    public CompletionStage<Void> live() {
        return live;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            leave.run();
        }
    }
}
