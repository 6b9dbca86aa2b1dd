package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One load thread: a selector over its share of the connections, driving each with
 * {@link EchoConnection}. It reads the run's {@link Phase} between select calls, so it starts
 * counting within one event of the switch to measuring. A failure of any kind (an echo that does
 * not match, a connection the server closed) stops the worker and is reported by the run.
 */
final class EchoWorker implements Runnable {
    /** The phases of a run, switched by the run's thread. */
    enum Phase { WARMUP, MEASURE, STOP }

    private static final int READ_BUFFER_BYTES = 256 * 1024;

    private final List<EchoConnection> connections = new ArrayList<>();
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final EchoStats stats = new EchoStats();
    private final PhaseSource phase;
    private volatile Throwable failure;

    /** Where the worker reads the current phase. */
    interface PhaseSource {
        Phase phase();
    }

    EchoWorker(PhaseSource phase) throws IOException {
        this.phase = phase;
        this.selector = Selector.open();
    }

    /** Adds a connection sending with {@code writer}, its echoes checked by what {@code reader} makes. */
    void add(SocketChannel channel, FrameWriter writer, Function<EchoParser.Listener, EchoReader> reader,
             int payloadLength, int inFlight) throws IOException {
        EchoConnection connection = new EchoConnection(channel, writer, reader, payloadLength, inFlight, stats);
        connection.register(channel.register(selector, SelectionKey.OP_READ, connection));
        connections.add(connection);
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (EchoConnection connection : connections) {
                connection.send(now);
            }
            Phase current;
            while ((current = phase.phase()) != Phase.STOP) {
                stats.measuring = current == Phase.MEASURE;
                selector.select(this::handle, 100);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            connections.forEach(EchoConnection::close);
            try {
                selector.close();
            } catch (IOException e) {
                // Ending anyway.
            }
        }
    }

    private void handle(SelectionKey key) {
        EchoConnection connection = (EchoConnection) key.attachment();
        try {
            if (key.isReadable()) {
                long now = System.nanoTime();
                if (!connection.read(in, now)) {
                    throw new EchoMismatch("the server closed a connection during the run");
                }
                connection.send(now);
            } else if (key.isWritable()) {
                connection.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EchoStats stats() {
        return stats;
    }

    Throwable failure() {
        return failure;
    }
}
