package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One subscriber of a broadcast run: checks every message it reads, that each comes as the one
 * after the last (none lost, doubled or reordered), and times each from the publisher's stamp to
 * the read that completed it. Owned by one {@link BroadcastWorker} thread.
 */
final class BroadcastSubscriber implements BroadcastParser.Listener {
    private final SocketChannel channel;
    private final BroadcastParser parser;
    /** {@code parser.consume}, made once rather than per read. */
    private final Consumer<ByteBuffer> check;
    private final EchoStats stats;
    private final int size;
    private long readNanos;
    /** The sequence number expected next: one past the highest received. */
    long next;
    long received;
    /** Messages that did not come as the one after the last (and hellos after the first message). */
    long outOfOrder;
    boolean greeted;

    BroadcastSubscriber(SocketChannel channel, BroadcastMessages messages, boolean raw, EchoStats stats) {
        this.channel = channel;
        this.parser = new BroadcastParser(messages, raw, this);
        this.check = parser::consume;
        this.stats = stats;
        this.size = messages.size();
    }

    /**
     * Reads what has arrived into the worker's shared buffer and checks it.
     *
     * @return false when the server closed the connection
     */
    boolean read(ByteBuffer in, long nowNanos) throws IOException {
        readNanos = nowNanos;
        return ChannelReads.drain(channel, in, check);
    }

    @Override
    public void onMessage(long sequence, long sentNanos) {
        if (sequence == BroadcastMessages.HELLO) {
            if (received > 0) {
                outOfOrder++;
            }
            greeted = true;
            return;
        }
        if (sequence != next) {
            outOfOrder++;
        }
        next = Math.max(next, sequence + 1);
        received++;
        stats.echo(size, readNanos - sentNanos);
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Ending the run; nothing to do.
        }
    }
}
