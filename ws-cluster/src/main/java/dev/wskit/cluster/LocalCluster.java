package dev.wskit.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A cluster of one node, in memory: the embedded default, and the reference for what
 * {@link RedisCluster} does across nodes. Same ids ({@code <ms>-<seq>}), same order (one per
 * topic), same history bounds and the same resume and gap rules; trimming is exact here. Presence
 * is this node's members, which leave only by closing their membership.
 */
public final class LocalCluster implements Cluster {
    private static final String ORIGIN = "local";

    private final HistoryBounds bounds;
    private final ClusterListener listener;
    private final ScheduledExecutorService delivery = DeliveryThread.start("wskit-cluster-local");
    private final Map<String, TopicLog> logs = new HashMap<>();
    private final TopicMembers members = new TopicMembers();
    private final PresenceWatchers watchers;

    private LocalCluster(HistoryBounds bounds, ClusterListener listener) {
        this.bounds = bounds;
        this.listener = listener;
        this.watchers = new PresenceWatchers(listener);
    }

    /**
     * A cluster keeping {@link HistoryBounds#DEFAULT}.
     *
     * @return a new, open cluster of one node
     */
    public static LocalCluster create() {
        return create(HistoryBounds.DEFAULT, ClusterListener.NONE);
    }

    /**
     * A cluster keeping {@code bounds} of each topic's history and telling {@code listener} of
     * callbacks that throw.
     *
     * @param bounds how much of each topic's history is kept; not {@code null}
     * @param listener the listener, {@link ClusterListener#NONE} for none; not {@code null}
     * @return a new, open cluster of one node
     */
    public static LocalCluster create(HistoryBounds bounds, ClusterListener listener) {
        return new LocalCluster(Objects.requireNonNull(bounds, "bounds"), Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Membership join(String topic, String member, String afterId, TopicSink sink) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(sink, "sink");
        MemberFeed feed = new MemberFeed(topic, member, afterId == null ? null : StreamIds.requireValid(afterId), sink, listener);
        CompletableFuture<Void> live = new CompletableFuture<>();
        run(live, () -> {
            members.add(feed);
            TopicLog log = log(topic);
            if (afterId != null) {
                log.after(afterId).forEach(entry -> feed.offer(entry, true));
            }
            feed.goLive(log.lastId());
            if (!members.hasNamesake(feed)) {
                watchers.tell(new PresenceEvent(topic, member, PresenceEvent.Change.JOINED));
            }
            live.complete(null);
        });
        return new FeedMembership(feed, live, () -> run(new CompletableFuture<>(), () -> {
            members.remove(feed);
            if (!members.hasNamesake(feed)) {
                watchers.tell(new PresenceEvent(topic, member, PresenceEvent.Change.LEFT));
            }
        }));
    }

    @Override
    public CompletionStage<String> publish(String topic, String sender, String message) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        CompletableFuture<String> id = new CompletableFuture<>();
        run(id, () -> {
            StreamEntry entry = log(topic).append(sender, message, ORIGIN);
            members.offerLive(topic, List.of(entry), ORIGIN);
            id.complete(entry.id());
        });
        return id;
    }

    @Override
    public CompletionStage<Set<String>> presence(String topic) {
        Objects.requireNonNull(topic, "topic");
        CompletableFuture<Set<String>> names = new CompletableFuture<>();
        run(names, () -> names.complete(members.names(topic)));
        return names;
    }

    @Override
    public Subscription watchPresence(String topic, PresenceListener presenceListener) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(presenceListener, "presenceListener");
        CompletableFuture<Void> live = new CompletableFuture<>();
        // Every join and leave after this call runs after the listener is added: one thread runs them all.
        run(live, () -> {
            watchers.add(topic, presenceListener);
            live.complete(null);
        });
        return new Watch(live, () -> run(new CompletableFuture<>(), () -> watchers.remove(topic, presenceListener)));
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }

    private TopicLog log(String topic) {
        return logs.computeIfAbsent(topic, key -> new TopicLog(bounds, System::currentTimeMillis));
    }

    /** Runs {@code task} on the delivery thread, or fails {@code result} if the cluster is closed. */
    private void run(CompletableFuture<?> result, Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(new IllegalStateException("the cluster is closed", closed));
        }
    }
}
