package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One load thread of a broadcast run: a selector over its share of the subscribers. After each
 * select it publishes its progress, the lowest sequence number any of its subscribers still
 * waits for, which bounds the publisher's window, and tells the publisher when it moved.
 */
final class BroadcastWorker implements Runnable {
    private static final int READ_BUFFER_BYTES = 256 * 1024;

    private final List<BroadcastSubscriber> subscribers = new ArrayList<>();
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final EchoStats stats = new EchoStats();
    private final Supplier<BroadcastRun.Phase> phase;
    private final Runnable onProgress;
    private volatile long progress;
    private volatile int greeted;
    private volatile Throwable failure;

    BroadcastWorker(Supplier<BroadcastRun.Phase> phase, Runnable onProgress) throws IOException {
        this.phase = phase;
        this.onProgress = onProgress;
        this.selector = Selector.open();
    }

    /** Adds a subscriber; {@code raw}: behind a raw TCP fan-out, which passes the publisher's masked frames on. */
    void add(SocketChannel channel, BroadcastMessages messages, boolean raw) throws IOException {
        BroadcastSubscriber subscriber = new BroadcastSubscriber(channel, messages, raw, stats);
        channel.register(selector, SelectionKey.OP_READ, subscriber);
        subscribers.add(subscriber);
    }

    @Override
    public void run() {
        try {
            BroadcastRun.Phase current;
            while ((current = phase.get()) != BroadcastRun.Phase.STOP) {
                stats.measuring = current == BroadcastRun.Phase.MEASURE;
                selector.select(this::handle, 100);
                update();
            }
        } catch (Throwable e) {
            failure = e;
            onProgress.run();
        } finally {
            subscribers.forEach(BroadcastSubscriber::close);
            try {
                selector.close();
            } catch (IOException e) {
                // Ending anyway.
            }
        }
    }

    private void handle(SelectionKey key) {
        BroadcastSubscriber subscriber = (BroadcastSubscriber) key.attachment();
        try {
            if (!subscriber.read(in, System.nanoTime())) {
                throw new EchoMismatch("the server closed a subscriber during the run");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void update() {
        long lowest = Long.MAX_VALUE;
        int hellos = 0;
        for (BroadcastSubscriber subscriber : subscribers) {
            lowest = Math.min(lowest, subscriber.next);
            hellos += subscriber.greeted ? 1 : 0;
        }
        greeted = hellos;
        if (lowest != progress) {
            progress = lowest;
            onProgress.run();
        }
    }

    int size() {
        return subscribers.size();
    }

    /** The lowest sequence number one of this worker's subscribers waits for. */
    long progress() {
        return progress;
    }

    /** Subscribers that have had a hello. */
    int greeted() {
        return greeted;
    }

    Throwable failure() {
        return failure;
    }

    /** Read once the worker has ended. */
    EchoStats stats() {
        return stats;
    }

    /** Read once the worker has ended. */
    List<BroadcastSubscriber> subscribers() {
        return subscribers;
    }
}
