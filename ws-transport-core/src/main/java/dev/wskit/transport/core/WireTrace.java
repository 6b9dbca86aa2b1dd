package dev.wskit.transport.core;

import dev.wskit.transport.core.trace.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Records chosen server connections, both directions and everything that decided their course, each
 * to its own file in a directory, for {@code inspect --replay} to play back through the engine
 * (see {@link TraceReplay}). Off unless a server is given one ({@code ServerBuilder.wireTrace}).
 *
 * <p>A trace holds what the peer sent and what the server answered, in clear even over TLS:
 * treat the directory as you would the traffic. Each file is bounded ({@link #maxBytesPerTrace}),
 * and so is the number of files ({@link #maxTraces}); a trace that reaches its bound ends with a
 * mark saying so. Files are written on the connection's own thread through a buffer, and complete
 * when the connection closes.
 */
public final class WireTrace {
    private final Path directory;
    private final Predicate<? super SocketAddress> peers;
    private final long maxBytesPerTrace;
    private final int maxTraces;
    private final AtomicInteger started = new AtomicInteger();

    private WireTrace(Path directory, Predicate<? super SocketAddress> peers, long maxBytesPerTrace, int maxTraces) {
        this.directory = directory;
        this.peers = peers;
        this.maxBytesPerTrace = maxBytesPerTrace;
        this.maxTraces = maxTraces;
    }

    /**
     * Every connection, into {@code directory} (made when missing), at most 100 traces of 16 MiB
     * each.
     *
     * @param directory where the trace files go
     * @return the setting, to give a server builder's {@code wireTrace}
     */
    public static WireTrace into(Path directory) {
        return new WireTrace(Objects.requireNonNull(directory, "directory"), peer -> true, 16L << 20, 100);
    }

    /**
     * Only connections from peers {@code chosen} accepts.
     *
     * @param chosen accepts the peers whose connections are traced
     * @return a new setting; this one is unchanged
     */
    public WireTrace peers(Predicate<? super SocketAddress> chosen) {
        return new WireTrace(directory, Objects.requireNonNull(chosen, "chosen"), maxBytesPerTrace, maxTraces);
    }

    /**
     * The bound of one trace's file, at least 4 KiB.
     *
     * @param bytes the bound in bytes; at least 4096
     * @return a new setting; this one is unchanged
     */
    public WireTrace maxBytesPerTrace(long bytes) {
        if (bytes < 4096) {
            throw new IllegalArgumentException("maxBytesPerTrace must be at least 4096, not " + bytes);
        }
        return new WireTrace(directory, peers, bytes, maxTraces);
    }

    /**
     * How many connections are traced at most; later ones are not.
     *
     * @param traces the most traces; at least 1
     * @return a new setting; this one is unchanged
     */
    public WireTrace maxTraces(int traces) {
        return new WireTrace(directory, peers, maxBytesPerTrace, ArgumentChecks.positive(traces, "maxTraces"));
    }

    /**
     * Where the traces are written.
     *
     * @return the directory, made when the first trace is written if missing
     */
    public Path directory() {
        return directory;
    }

    /** What watches one new connection. */
    WireTap newTap() {
        return new TraceRecorder(this);
    }

    /**
     * The writer of a connection's trace, or {@code null} when this peer is not chosen, the traces
     * are used up, or the file cannot be made (tracing never fails a connection).
     */
    TraceWriter open(String transport, SocketAddress peer, Map<String, String> header) {
        if (!peers.test(peer)) {
            return null;
        }
        int number = started.incrementAndGet();
        if (number > maxTraces) {
            return null;
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(String.format("%d-%04d-%s-%s.wstrace",
                    System.currentTimeMillis(), number, transport, fileSafe(peer)));
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            return new TraceWriter(out, maxBytesPerTrace, header);
        } catch (IOException | RuntimeException unwritable) {
            return null;
        }
    }

    private static String fileSafe(SocketAddress peer) {
        String name = peer instanceof InetSocketAddress inet
                ? inet.getHostString() + "_" + inet.getPort()
                : String.valueOf(peer);
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
