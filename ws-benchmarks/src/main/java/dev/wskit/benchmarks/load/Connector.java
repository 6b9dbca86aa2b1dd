package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Opens connections and completes their opening handshakes on one selector, many at once
 * (non-blocking connect, write the request, read the 101): for the connect-only mode, which
 * closes each connection once open, and for the other modes, which keep them. In raw mode (a TCP
 * echo server) a connection is open once TCP is.
 *
 * <p>Not thread-safe: one thread uses a connector.
 */
public final class Connector {
    /** Told of each handshake completed; decides whether the connection is kept. */
    public interface Listener {
        /** @return true to keep the connection, false to close it */
        boolean onOpen(SocketChannel channel, long handshakeNanos);
    }

    private final InetSocketAddress address;
    private final boolean raw;
    private final Handshake handshake;

    Connector(InetSocketAddress address, boolean raw) {
        this(address, raw, new Handshake(address.getHostString(), address.getPort()));
    }

    /** A WebSocket connector sending {@code handshake}'s request. */
    public Connector(InetSocketAddress address, Handshake handshake) {
        this(address, false, handshake);
    }

    private Connector(InetSocketAddress address, boolean raw, Handshake handshake) {
        this.address = address;
        this.raw = raw;
        this.handshake = handshake;
    }

    /** Opens {@code count} connections, {@code concurrency} at a time, and returns them, still non-blocking. */
    public List<SocketChannel> open(int count, int concurrency) throws IOException {
        List<SocketChannel> open = new ArrayList<>(count);
        run(count, concurrency, () -> Long.MAX_VALUE, (channel, nanos) -> open.add(channel));
        return open;
    }

    /**
     * Opens connections, {@code concurrency} at a time, until {@code limit} have opened or the
     * deadline ({@link System#nanoTime()} terms, asked between events) has passed.
     *
     * @return the number of handshakes completed
     */
    public long run(long limit, int concurrency, LongSupplier deadline, Listener listener) throws IOException {
        long started = 0;
        long completed = 0;
        try (Selector selector = Selector.open()) {
            for (; started < Math.min(limit, concurrency); started++) {
                begin(selector);
            }
            while (completed < limit && System.nanoTime() < deadline.getAsLong()) {
                selector.select(100);
                List<Pending> done = new ArrayList<>();
                for (SelectionKey key : selector.selectedKeys()) {
                    Pending pending = (Pending) key.attachment();
                    if (step(key, pending)) {
                        done.add(pending);
                    }
                }
                selector.selectedKeys().clear();
                for (Pending pending : done) {
                    completed++;
                    pending.key.cancel();
                    if (!listener.onOpen(pending.channel, System.nanoTime() - pending.startNanos)) {
                        pending.channel.close();
                    }
                    if (started < limit && System.nanoTime() < deadline.getAsLong()) {
                        begin(selector);
                        started++;
                    }
                }
            }
            // Handshakes still under way when the time ran out are abandoned (completed ones have
            // cancelled, invalid keys until the next select, and are the caller's).
            for (SelectionKey key : selector.keys()) {
                if (key.isValid()) {
                    key.channel().close();
                }
            }
        }
        return completed;
    }

    private void begin(Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Pending pending = new Pending(channel, raw ? null : handshake.request());
        pending.key = channel.register(selector, SelectionKey.OP_CONNECT, pending);
        if (channel.connect(address)) {
            // Connected at once (it happens on loopback): no OP_CONNECT will come; go on when writable.
            pending.key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    /** Advances one handshake; true once it is complete. */
    private boolean step(SelectionKey key, Pending pending) throws IOException {
        if (key.isConnectable()) {
            if (!pending.channel.finishConnect()) {
                return false;
            }
            return connected(pending);
        }
        if (key.isWritable()) {
            if (raw) {
                return true;
            }
            pending.channel.write(pending.request);
            if (!pending.request.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            return false;
        }
        if (key.isReadable()) {
            if (pending.channel.read(pending.response) < 0) {
                throw new UncheckedIOException(new IOException("server closed the connection during the handshake"));
            }
            return handshake.responseComplete(pending.response);
        }
        return false;
    }

    private boolean connected(Pending pending) throws IOException {
        if (raw) {
            return true;
        }
        pending.channel.write(pending.request);
        pending.key.interestOps(pending.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        return false;
    }

    private static final class Pending {
        final SocketChannel channel;
        final ByteBuffer request;
        final ByteBuffer response = ByteBuffer.allocate(Handshake.MAX_RESPONSE_BYTES);
        final long startNanos = System.nanoTime();
        SelectionKey key;

        Pending(SocketChannel channel, ByteBuffer request) {
            this.channel = channel;
            this.request = request;
        }
    }
}
