package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One connection of an echo run: keeps {@code inFlight} messages outstanding, sending the next
 * one as each echo is verified, and times each from the moment it was queued to the read that
 * completed its echo. Owned by one {@link EchoWorker} thread.
 *
 * <p>The write buffer never needs more than {@code inFlight} frames: a frame is added only when
 * an echo has come back, and every echo's frame was fully written before it.
 */
final class EchoConnection implements EchoParser.Listener {
    private final SocketChannel channel;
    private final FrameWriter writer;
    private final int payloadLength;
    private final EchoStats stats;
    private final int inFlight;
    private final long[] queuedAt;
    private final ByteBuffer out;
    private final EchoReader parser;
    /** {@code parser.consume}, made once rather than per read. */
    private final Consumer<ByteBuffer> check;
    private SelectionKey key;
    private long nextSequence;
    private long echoed;
    private long readNanos;

    /**
     * @param writer this connection's frames
     * @param reader makes this connection's checker of echoes, which tells the connection of each
     * @param payloadLength the payload of a message as the application sees it (before any compression)
     */
    EchoConnection(SocketChannel channel, FrameWriter writer, Function<EchoParser.Listener, EchoReader> reader,
                   int payloadLength, int inFlight, EchoStats stats) {
        this.channel = channel;
        this.writer = writer;
        this.payloadLength = payloadLength;
        this.stats = stats;
        this.inFlight = inFlight;
        this.queuedAt = new long[inFlight];
        this.out = ByteBuffer.allocateDirect(inFlight * writer.maxFrameLength());
        this.parser = reader.apply(this);
        this.check = parser::consume;
    }

    void register(SelectionKey key) {
        this.key = key;
    }

    /** Queues messages up to the in-flight limit and writes what the socket takes. */
    void send(long nowNanos) throws IOException {
        while (nextSequence - echoed < inFlight) {
            writer.writeFrame(out, nextSequence);
            queuedAt[(int) (nextSequence % inFlight)] = nowNanos;
            nextSequence++;
        }
        flush();
    }

    /** Writes what is queued; asks for OP_WRITE while the socket is full. */
    void flush() throws IOException {
        out.flip();
        channel.write(out);
        boolean more = out.hasRemaining();
        out.compact();
        int ops = more ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
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
    public void onEcho(long sequence) {
        echoed++;
        stats.echo(payloadLength, readNanos - queuedAt[(int) (sequence % inFlight)]);
    }

    void close() {
        writer.end();
        parser.end();
        try {
            channel.close();
        } catch (IOException e) {
            // Ending the run; nothing to do.
        }
    }
}
