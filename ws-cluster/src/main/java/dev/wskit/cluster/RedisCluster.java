package dev.wskit.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node of a cluster joined through Redis (6.2 or later, for {@code MINID} and exclusive ranges;
 * 7.0 tested), with Lettuce. Each topic is
 * a Redis stream: a publish appends to it ({@code XADD}, trimmed to {@link HistoryBounds}), and
 * each message keeps the stream's id. Each node has one reader, on one connection, that reads the
 * streams of the topics its members are in ({@code XREAD BLOCK}) from the last id it delivered,
 * and hands what it reads to its members; never a connection per member.
 *
 * <p><b>Why streams and not pub/sub.</b> Pub/sub keeps nothing: a node that is away for a moment
 * (a lost connection, a pause) misses what was published meanwhile for good, and a member that
 * comes back, perhaps on another node, has nothing to resume from. A stream is a history with ids
 * in one order: a node reads on from where it was, and a member resumes from its last id. Every
 * message records the id before it, so a reader also knows when part of the history it needed is
 * gone (trimmed, or lost with Redis's data) and tells the member ({@link TopicSink#missed}).
 *
 * <p><b>Presence.</b> Each topic has a sorted set of member names and the instant each one's
 * presence expires. Every node refreshes its members every {@code heartbeat} (2 s unless set)
 * to {@code expiry} ahead (6 s), and removes the expired ones of the topics it follows, in one
 * script; joins and leaves, and expiries, are events in the topic's presence stream, written once.
 * A member of a node that died is present for at most {@code expiry} after the node's last
 * heartbeat, and its {@code LEFT} event follows within one more {@code heartbeat} of a node still
 * following the topic. Nodes' clocks are taken to agree to well within {@code expiry}.
 *
 * <p><b>When Redis is out of reach</b> the listener hears {@link ClusterState#DOWN}. The node
 * keeps serving its own members: its publishes reach them at once (with no id yet) and are kept,
 * up to {@code offlineLimit}, dropping the oldest beyond it (counted to the listener); when Redis
 * is back the listener hears {@link ClusterState#UP}, the kept publishes are written in order, and
 * the reader reads on from where it stopped, so the members get what other nodes published
 * meanwhile, or are told of the gap. Members that join while Redis is down become live once it is
 * back. A connection lost during a write may have written it: that publish can then arrive twice.
 *
 * <p>{@link #close()} does not leave: the node's members vanish from presence when it expires.
 * Close their memberships first to leave at once.
 */
public final class RedisCluster implements Cluster {
    private final Settings settings;
    private final String nodeId = UUID.randomUUID().toString();
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> readerConnection;
    private final ScheduledExecutorService delivery;
    private final TopicMembers members = new TopicMembers();
    private final PresenceWatchers watchers;
    private final Link link;
    private final Publisher publisher;
    private final StreamReader reader;
    private final Thread readerThread;
    /** A presence refresh waits for the reader: one at a time, so an outage does not pile them up. */
    private final AtomicBoolean refreshWaiting = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisCluster(Settings settings) {
        this.settings = settings;
        this.watchers = new PresenceWatchers(settings.listener);
        String name = "wskit-cluster-" + nodeId.substring(0, 8);
        this.delivery = DeliveryThread.start(name);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.uri);
        uri.setTimeout(settings.commandTimeout);
        this.client = RedisClient.create(resources, uri);
        // Commands fail at once while disconnected, instead of queueing without bound: the node
        // keeps its own bounded queue of publishes and knows it is down.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.commands = client.connect();
            this.readerConnection = client.connect();
        } catch (RuntimeException e) {
            shutdownClient();
            delivery.shutdownNow();
            throw e;
        }
        this.link = new Link(this::onDelivery, settings.listener, this::flush);
        this.publisher = new Publisher(commands.async(), link, settings.history, nodeId, settings.offlineLimit,
                members::offerUnwritten, settings.listener, this::onDelivery);
        this.reader = new StreamReader(readerConnection.sync(), link, this::onDelivery, members, watchers, nodeId);
        this.readerThread = new Thread(reader, name + "-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        long beat = settings.heartbeat.toMillis();
        delivery.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * Settings for a node of the cluster at {@code uri}, {@code redis://host:port}.
     *
     * @param uri Redis's address, as {@code redis://host:6379} (any URI Lettuce's {@code RedisURI}
     *     takes)
     * @return a new builder with every other setting at its default
     */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    @Override
    public Membership join(String topic, String member, String afterId, TopicSink sink) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(sink, "sink");
        String after = afterId == null ? null : StreamIds.requireValid(afterId);
        MemberFeed feed = new MemberFeed(topic, member, after, sink, settings.listener);
        CompletableFuture<Void> live = new CompletableFuture<>();
        run(live, () -> {
            members.add(feed);
            reader.submit(new StreamReader.Task() {
                @Override
                public void run(StreamReader reader) {
                    reader.follow(feed, after, settings.expiry, live);
                }

                @Override
                public void abandon(Throwable reason) {
                    live.completeExceptionally(reason);
                }
            });
        });
        return new FeedMembership(feed, live, () -> run(new CompletableFuture<>(), () -> {
            boolean lastOfTopic = members.remove(feed);
            boolean nameStays = members.hasNamesake(feed);
            reader.submit(reader -> {
                if (lastOfTopic) {
                    reader.unfollow(topic);
                }
                if (!nameStays) {
                    reader.leave(topic, member);
                }
            });
        }));
    }

    @Override
    public CompletionStage<String> publish(String topic, String sender, String message) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        return publisher.publish(topic, sender, message);
    }

    /** The members whose presence has not expired; read from Redis, so it fails while Redis is down. */
    @Override
    public CompletionStage<Set<String>> presence(String topic) {
        Objects.requireNonNull(topic, "topic");
        long now = System.currentTimeMillis();
        return commands.async().zrangebyscore(RedisKeys.members(topic), Range.create(now, Double.POSITIVE_INFINITY))
                .thenApply(names -> Set.copyOf(new TreeSet<>(names)));
    }

    @Override
    public Subscription watchPresence(String topic, PresenceListener listener) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(listener, "listener");
        CompletableFuture<Void> live = new CompletableFuture<>();
        run(live, () -> {
            watchers.add(topic, listener);
            reader.submit(new StreamReader.Task() {
                @Override
                public void run(StreamReader reader) {
                    reader.watch(topic);
                    live.complete(null);
                }

                @Override
                public void abandon(Throwable reason) {
                    live.completeExceptionally(reason);
                }
            });
        });
        return new Watch(live, () -> run(new CompletableFuture<>(), () -> {
            if (watchers.remove(topic, listener)) {
                reader.submit(reader -> reader.unwatch(topic));
            }
        }));
    }

    /**
     * UP or DOWN, as the listener last heard.
     *
     * @return the node's state, never {@code null}
     */
    public ClusterState state() {
        return link.state();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        reader.stop();
        readerThread.interrupt();
        try {
            readerThread.join(settings.commandTimeout.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
        shutdownClient();
    }

    /** Refreshes the presence of this node's members and expires others', for every topic it follows. */
    private void heartbeat() {
        commands.async().ping().whenComplete((pong, failure) -> link.commands(failure == null, failure));
        if (!refreshWaiting.compareAndSet(false, true)) {
            return;
        }
        Map<String, Set<String>> names = new HashMap<>();
        members.topics().forEach(topic -> names.put(topic, members.names(topic)));
        watchers.topics().forEach(topic -> names.putIfAbsent(topic, Set.of()));
        reader.submit(new StreamReader.Task() {
            @Override
            public void run(StreamReader reader) {
                refreshWaiting.set(false);
                names.forEach((topic, topicNames) -> reader.refreshPresence(topic, topicNames, settings.expiry));
            }

            @Override
            public void abandon(Throwable reason) {
                refreshWaiting.set(false);
            }
        });
    }

    private void flush() {
        publisher.flush();
    }

    private void onDelivery(Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException closed) {
            // Closed: sinks and listeners hear nothing more.
        }
    }

    private void run(CompletableFuture<?> result, Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(new IllegalStateException("the cluster node is closed", closed));
        }
    }

    private void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** What a node is built from; every setting is checked as it is set. */
    public static final class Builder {
        private final Settings settings = new Settings();

        private Builder(String uri) {
            RedisURI.create(Objects.requireNonNull(uri, "uri"));
            settings.uri = uri;
        }

        /**
         * How much of each topic's history the node keeps in Redis ({@link HistoryBounds#DEFAULT}).
         *
         * @param history the bounds; not {@code null}
         * @return this builder
         */
        public Builder history(HistoryBounds history) {
            settings.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * How often the node refreshes its members' presence ({@code heartbeat}, 2 s), and how long
         * a refresh lasts ({@code expiry}, 6 s): a dead node's members vanish within about
         * {@code expiry + heartbeat}. The expiry must be longer than the heartbeat.
         *
         * @param heartbeat how often presence is refreshed; at least 1 ms
         * @param expiry how long a refresh lasts; longer than {@code heartbeat}
         * @return this builder
         */
        public Builder presence(Duration heartbeat, Duration expiry) {
            if (heartbeat.toMillis() < 1 || expiry.compareTo(heartbeat) <= 0) {
                throw new IllegalArgumentException("need 1 ms <= heartbeat < expiry: " + heartbeat + ", " + expiry);
            }
            settings.heartbeat = heartbeat;
            settings.expiry = expiry;
            return this;
        }

        /**
         * How many publishes the node keeps for Redis while it is down (10,000); beyond, the oldest
         * are dropped.
         *
         * @param offlineLimit publishes kept while Redis is down; 0 or more (0 keeps none)
         * @return this builder
         */
        public Builder offlineLimit(int offlineLimit) {
            if (offlineLimit < 0) {
                throw new IllegalArgumentException("offlineLimit must not be negative: " + offlineLimit);
            }
            settings.offlineLimit = offlineLimit;
            return this;
        }

        /**
         * How long a command to Redis may take before the node counts Redis as out of reach (5 s).
         *
         * @param commandTimeout the timeout; at least 200 ms (twice the 100 ms a stream read blocks
         *     for)
         * @return this builder
         */
        public Builder commandTimeout(Duration commandTimeout) {
            if (commandTimeout.compareTo(StreamReader.BLOCK.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("commandTimeout must be at least " + StreamReader.BLOCK.multipliedBy(2));
            }
            settings.commandTimeout = commandTimeout;
            return this;
        }

        /**
         * Who hears the node's state changes, dropped publishes and failed callbacks
         * ({@link ClusterListener#NONE} by default).
         *
         * @param listener the listener; not {@code null}
         * @return this builder
         */
        public Builder listener(ClusterListener listener) {
            settings.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Connects to Redis, which must be reachable now, and starts the node.
         *
         * @return the running node, connected to Redis; a Redis out of reach throws (Lettuce's
         *     {@code RedisConnectionException})
         */
        public RedisCluster connect() {
            return new RedisCluster(settings.copy());
        }
    }

    private static final class Settings {
        String uri;
        HistoryBounds history = HistoryBounds.DEFAULT;
        Duration heartbeat = Duration.ofSeconds(2);
        Duration expiry = Duration.ofSeconds(6);
        int offlineLimit = 10_000;
        Duration commandTimeout = Duration.ofSeconds(5);
        ClusterListener listener = ClusterListener.NONE;

        Settings copy() {
            Settings copy = new Settings();
            copy.uri = uri;
            copy.history = history;
            copy.heartbeat = heartbeat;
            copy.expiry = expiry;
            copy.offlineLimit = offlineLimit;
            copy.commandTimeout = commandTimeout;
            copy.listener = listener;
            return copy;
        }
    }
}
