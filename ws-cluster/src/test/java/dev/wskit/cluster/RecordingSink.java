package dev.wskit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A sink that keeps what it gets, for a test to wait on and read from any thread. */
final class RecordingSink implements TopicSink {
    private final List<TopicMessage> messages = new ArrayList<>();
    /** Each gap as the last id before it, in order. */
    private final List<String> gaps = new ArrayList<>();
    /** Messages and gaps in the order they came: a gap as "gap after ID". */
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void deliver(TopicMessage message) {
        messages.add(message);
        events.add(message.payload());
        notifyAll();
    }

    @Override
    public synchronized void missed(String topic, String lastId) {
        gaps.add(lastId);
        events.add("gap after " + lastId);
        notifyAll();
    }

    synchronized List<TopicMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> payloads() {
        return messages.stream().map(TopicMessage::payload).toList();
    }

    synchronized List<String> gaps() {
        return List.copyOf(gaps);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Waits until {@code count} messages came, at most {@link RedisServer#WAIT}; fails the test if they do not. */
    List<TopicMessage> await(int count) throws InterruptedException {
        return awaitUntil(got -> got.size() >= count, count + " messages");
    }

    /** Waits until a message with {@code payload} came. */
    List<TopicMessage> awaitPayload(String payload) throws InterruptedException {
        return awaitUntil(got -> got.stream().anyMatch(message -> message.payload().equals(payload)), "'" + payload + "'");
    }

    synchronized List<TopicMessage> awaitUntil(Predicate<List<TopicMessage>> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + RedisServer.WAIT.toNanos();
        while (!done.test(messages)) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("waiting for %s; got %d: %s", what, messages.size(), tail()).isPositive();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(messages);
    }

    private List<String> tail() {
        return events.subList(Math.max(0, events.size() - 5), events.size());
    }
}
