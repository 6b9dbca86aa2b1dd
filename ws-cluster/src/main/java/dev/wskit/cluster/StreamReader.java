package dev.wskit.cluster;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A node's one reader of Redis: one thread, one connection, one {@code XREAD BLOCK} over the
 * message streams of the topics the node has members in and the presence streams of the topics
 * it watches, each from the last id it read, however many members there are. Between reads it
 * runs the node's tasks that must keep their order: a member's resume, presence changes.
 *
 * <p>A resume is exact because this one thread does it between two reads. When a member joins
 * after id A, the reader has read its topic up to some id C; it reads the history after A to the
 * end, R &ge; C, and hands it to the member, then the member is live and gets what the reader
 * reads next, all after C. Whatever falls in (A, R] twice reaches the member once, as a
 * {@link MemberFeed} takes no id twice; nothing after R can be missed, since the reader reads on
 * from C. A task that fails because Redis is out of reach stays first in line and runs again.
 */
final class StreamReader implements Runnable {
    /** How long one read waits for messages, and so how long a task may wait for the reader. */
    static final Duration BLOCK = Duration.ofMillis(100);
    private static final int BATCH = 1000;
    private static final Duration RETRY = Duration.ofMillis(200);

    private final RedisCommands<String, String> redis;
    private final Link link;
    private final Executor delivery;
    /** The delivery thread's: touched only in what this reader hands to that thread. */
    private final TopicMembers members;
    private final PresenceWatchers watchers;
    private final String self;
    private final BlockingDeque<Task> tasks = new LinkedBlockingDeque<>();
    /** The streams read, by key, in a stable order: touched on the reader thread only. */
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private volatile boolean running = true;
    /** The task running now, reader thread only: the one to abandon if Redis answers it with an error. */
    private Task current;

    StreamReader(RedisCommands<String, String> redis, Link link, Executor delivery, TopicMembers members,
            PresenceWatchers watchers, String self) {
        this.redis = redis;
        this.link = link;
        this.delivery = delivery;
        this.members = members;
        this.watchers = watchers;
        this.self = self;
    }

    /** A task for the reader thread, run between two reads. */
    interface Task {
        void run(StreamReader reader);

        /** The task will not run: the node stopped, or Redis answered it with an error. */
        default void abandon(Throwable reason) {
        }
    }

    void submit(Task task) {
        tasks.add(task);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        boolean failed = false;
        while (running) {
            try {
                if (failed) {
                    redis.ping();
                    failed = false;
                    link.reader(true, null);
                }
                runTasks();
                readOnce();
            } catch (RedisException e) {
                if (!running) {
                    break;
                }
                if (Link.isLinkFailure(e)) {
                    failed = true;
                    link.reader(false, e);
                } else if (current != null) {
                    // Redis answered the task with an error: it cannot succeed by waiting.
                    tasks.remove(current);
                    current.abandon(e);
                }
                current = null;
                if (!pause(RETRY)) {
                    break;
                }
            }
        }
        IllegalStateException stopped = new IllegalStateException("the cluster node is closed");
        tasks.forEach(task -> task.abandon(stopped));
    }

    private void runTasks() {
        while ((current = tasks.peek()) != null && running) {
            current.run(this);
            tasks.remove(current);
        }
        current = null;
    }

    private void readOnce() {
        if (cursors.isEmpty()) {
            try {
                Task next = tasks.pollFirst(BLOCK.toMillis(), TimeUnit.MILLISECONDS);
                if (next != null) {
                    tasks.addFirst(next);
                }
            } catch (InterruptedException e) {
                running = false;
            }
            return;
        }
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = cursors.entrySet().stream()
                .map(entry -> XReadArgs.StreamOffset.from(entry.getKey(), entry.getValue().lastId))
                .toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, String>> read = redis.xread(XReadArgs.Builder.block(BLOCK).count(BATCH), offsets);
        if (read == null || read.isEmpty()) {
            return;
        }
        Map<String, List<StreamMessage<String, String>>> byStream = new LinkedHashMap<>();
        read.forEach(message -> byStream.computeIfAbsent(message.getStream(), key -> new ArrayList<>()).add(message));
        byStream.forEach((key, messages) -> {
            Cursor cursor = cursors.get(key);
            if (cursor == null) {
                return;
            }
            cursor.lastId = messages.get(messages.size() - 1).getId();
            if (cursor.presence) {
                List<PresenceEvent> events = messages.stream().map(message -> presenceEvent(cursor.topic, message)).toList();
                delivery.execute(() -> events.forEach(watchers::tell));
            } else {
                List<StreamEntry> entries = messages.stream().map(StreamReader::entry).toList();
                delivery.execute(() -> members.offerLive(cursor.topic, entries, self));
            }
        });
    }

    // The tasks, run on the reader thread.

    /**
     * Follows the member's topic if this node did not, hands the member the history after
     * {@code afterId} when there is one, records its presence, and makes it live.
     */
    void follow(MemberFeed feed, String afterId, Duration expiry, CompletableFuture<Void> live) {
        Cursor cursor = cursors.computeIfAbsent(RedisKeys.messages(feed.topic()),
                key -> new Cursor(feed.topic(), false, lastId(key)));
        if (afterId != null) {
            String from = afterId;
            List<StreamMessage<String, String>> page;
            do {
                page = redis.xrange(RedisKeys.messages(feed.topic()), Range.from(Range.Boundary.excluding(from),
                        Range.Boundary.unbounded()), Limit.from(BATCH));
                if (!page.isEmpty()) {
                    from = page.get(page.size() - 1).getId();
                    List<StreamEntry> entries = page.stream().map(StreamReader::entry).toList();
                    delivery.execute(() -> entries.forEach(entry -> feed.offer(entry, true)));
                }
            } while (page.size() == BATCH);
        }
        refreshPresence(feed.topic(), List.of(feed.member()), expiry);
        String readTo = cursor.lastId;
        delivery.execute(() -> {
            feed.goLive(readTo);
            live.complete(null);
        });
    }

    /** The node has no member of {@code topic} left. */
    void unfollow(String topic) {
        cursors.remove(RedisKeys.messages(topic));
    }

    void watch(String topic) {
        cursors.computeIfAbsent(RedisKeys.presence(topic), key -> new Cursor(topic, true, lastId(key)));
    }

    void unwatch(String topic) {
        cursors.remove(RedisKeys.presence(topic));
    }

    /** Refreshes the presence of {@code names} in {@code topic}, and expires those whose time is up. */
    void refreshPresence(String topic, Collection<String> names, Duration expiry) {
        long now = System.currentTimeMillis();
        List<String> arguments = new ArrayList<>(List.of(String.valueOf(now), String.valueOf(now + expiry.toMillis())));
        arguments.addAll(names);
        redis.eval(RedisScripts.REFRESH_PRESENCE, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.members(topic), RedisKeys.presence(topic)}, arguments.toArray(String[]::new));
    }

    void leave(String topic, String name) {
        redis.eval(RedisScripts.LEAVE, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.members(topic), RedisKeys.presence(topic)}, name);
    }

    /** The id of the last entry of the stream at {@code key}, or {@link StreamIds#ZERO}: reading starts after it. */
    private String lastId(String key) {
        List<StreamMessage<String, String>> last = redis.xrevrange(key, Range.create("-", "+"), Limit.from(1));
        return last.isEmpty() ? StreamIds.ZERO : last.get(0).getId();
    }

    private static StreamEntry entry(StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        return new StreamEntry(message.getId(), body.getOrDefault("previous", StreamIds.ZERO), body.get("sender"),
                body.getOrDefault("payload", ""), body.get("origin"), body.containsKey("offline"));
    }

    private static PresenceEvent presenceEvent(String topic, StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        return new PresenceEvent(topic, body.get("member"), PresenceEvent.Change.valueOf(body.get("change")));
    }

    /** False if interrupted: the node is stopping. */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Where reading a stream goes on from. */
    private static final class Cursor {
        final String topic;
        final boolean presence;
        String lastId;

        Cursor(String topic, boolean presence, String lastId) {
            this.topic = topic;
            this.presence = presence;
            this.lastId = lastId;
        }
    }
}
