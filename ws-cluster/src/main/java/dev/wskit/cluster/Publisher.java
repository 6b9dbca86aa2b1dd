package dev.wskit.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A node's publishes to Redis. While the link is up they are written at once, in order, on one
 * connection. While it is down they are delivered to this node's members at once and kept, at
 * most {@code limit} of them, the oldest dropped beyond that; when the link is back they are
 * written in publish order, one after another, before any later publish. A kept publish is
 * written marked {@code offline}, so its node's reader does not deliver it a second time.
 */
final class Publisher {
    private final RedisAsyncCommands<String, String> redis;
    private final Link link;
    private final HistoryBounds bounds;
    private final String origin;
    private final int limit;
    private final Consumer<TopicMessage> deliverLocally;
    private final ClusterListener listener;
    private final Consumer<Runnable> delivery;
    /** The publishes waiting for Redis, by publish order. */
    private final TreeMap<Long, Pending> waiting = new TreeMap<>();
    private long nextSequence;
    private long dropped;
    private boolean flushing;

    Publisher(RedisAsyncCommands<String, String> redis, Link link, HistoryBounds bounds, String origin, int limit,
            Consumer<TopicMessage> deliverLocally, ClusterListener listener, Consumer<Runnable> delivery) {
        this.redis = redis;
        this.link = link;
        this.bounds = bounds;
        this.origin = origin;
        this.limit = limit;
        this.deliverLocally = deliverLocally;
        this.listener = listener;
        this.delivery = delivery;
    }

    CompletionStage<String> publish(String topic, String sender, String payload) {
        Pending pending;
        synchronized (this) {
            pending = new Pending(nextSequence++, new TopicMessage(topic, null, sender, payload));
            if (link.state() != ClusterState.UP || flushing || !waiting.isEmpty()) {
                keep(pending);
                return pending.id;
            }
        }
        write(pending).whenComplete((id, failure) -> {
            if (failure != null && Link.isLinkFailure(failure)) {
                link.commands(false, failure);
                synchronized (this) {
                    keep(pending);
                }
            }
        });
        return pending.id;
    }

    /** Writes what was kept, oldest first, each after the one before; runs again on every UP. */
    void flush() {
        Pending next;
        synchronized (this) {
            if (flushing || waiting.isEmpty() || link.state() != ClusterState.UP) {
                return;
            }
            next = waiting.pollFirstEntry().getValue();
            flushing = true;
        }
        write(next).whenComplete((id, failure) -> {
            synchronized (this) {
                flushing = false;
                if (failure != null && Link.isLinkFailure(failure)) {
                    keep(next);
                }
            }
            if (failure != null && Link.isLinkFailure(failure)) {
                link.commands(false, failure);
            } else {
                flush();
            }
        });
    }

    /** Completes the pending publish's stage with its id, or with a failure Redis answered. */
    private CompletionStage<String> write(Pending pending) {
        TopicMessage message = pending.message;
        List<String> arguments = new ArrayList<>(List.of(String.valueOf(bounds.maxCount()),
                String.valueOf(bounds.maxAge().toMillis()), origin, pending.deliveredLocally ? "1" : "0", message.payload()));
        if (message.sender() != null) {
            arguments.add(message.sender());
        }
        CompletionStage<String> written = redis.<String>eval(RedisScripts.PUBLISH, ScriptOutputType.VALUE,
                new String[] {RedisKeys.messages(message.topic())}, arguments.toArray(String[]::new));
        return written.whenComplete((id, failure) -> {
            if (failure == null) {
                link.commands(true, null);
                pending.id.complete(id);
            } else if (!Link.isLinkFailure(failure)) {
                pending.id.completeExceptionally(failure);
            }
        });
    }

    /** Holds the lock. Delivers to this node's members while down, once, and bounds what is kept. */
    private void keep(Pending pending) {
        if (link.state() != ClusterState.UP && !pending.deliveredLocally) {
            pending.deliveredLocally = true;
            delivery.accept(() -> deliverLocally.accept(pending.message));
        }
        waiting.put(pending.sequence, pending);
        while (waiting.size() > limit) {
            Pending oldest = waiting.pollFirstEntry().getValue();
            oldest.id.completeExceptionally(new ClusterDownException(
                    "dropped while Redis was down: more than " + limit + " publishes were waiting"));
            long total = ++dropped;
            delivery.accept(() -> listener.publishesDropped(total));
        }
    }

    private static final class Pending {
        final long sequence;
        final TopicMessage message;
        final CompletableFuture<String> id = new CompletableFuture<>();
        /** Delivered to this node's members while down: written marked offline. */
        boolean deliveredLocally;

        Pending(long sequence, TopicMessage message) {
            this.sequence = sequence;
            this.message = message;
        }
    }
}
