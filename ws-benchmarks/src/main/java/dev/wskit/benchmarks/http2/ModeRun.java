package dev.wskit.benchmarks.http2;

import dev.wskit.benchmarks.http2.Http2Options.Mode;
import dev.wskit.benchmarks.load.ServerProbe;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.netty.NettyWebSocketClient;
import dev.wskit.transport.netty.http2.NettyHttp2WebSocketClient;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * One mode against a fresh server JVM. A warm-up round opens every socket, echoes for
 * {@code --warmup} seconds and closes them all (so the server's handshake and echo paths are
 * compiled and its allocators at working size before the baseline, as the load tool's memory
 * mode does). Then: the server's live heap and RSS; every socket opened again, timed (the
 * handshake rate, with {@code --open-concurrency} handshakes outstanding at most); after
 * {@code --settle} seconds the server's live heap and RSS again (their growth per socket); and
 * last the echo, {@code --warmup} seconds then {@code --seconds} measured, after which the
 * sockets stop sending, every outstanding echo is awaited, and the clients close.
 */
final class ModeRun {
    private static final long OPEN_TIMEOUT_SECONDS = 120;
    private static final long DRAIN_TIMEOUT_SECONDS = 10;

    /** What a mode measured; memory per socket is -1 where the live heap could not be read. */
    record Result(Mode mode, int sockets, int tcpConnections, double handshakesPerSecond, long heapPerSocket,
            long rssPerSocket, double messagesPerSecond, double p50Micros, double p99Micros, long verified,
            long mismatched, long lost, long closed) {
    }

    /** The clients of one round: each opens a WebSocket and is closed with all of them. */
    private interface Clients extends AutoCloseable {
        CompletableFuture<WebSocket> connect(int index, WebSocketHandler handler);

        @Override
        void close();
    }

    private final Http2Options options;
    private final Mode mode;
    private long began;

    ModeRun(Http2Options options, Mode mode) {
        this.options = options;
        this.mode = mode;
    }

    Result run() throws IOException, InterruptedException {
        began = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(options.serverJavaOpts(),
                Math.max(100, options.streamsPerConnection()))) {
            progress("server up, pid " + server.pid);
            ServerProbe probe = new ServerProbe(server.pid);
            URI uri = URI.create("ws://127.0.0.1:" + server.port + "/");
            try (Clients warm = clients(uri)) {
                EchoSocket.Shared shared = new EchoSocket.Shared();
                List<EchoSocket> sockets = openAll(warm, shared);
                echo(sockets, options.warmup());
                finish(sockets);
            }
            progress("warm-up round done");
            Thread.sleep((long) (options.settle() * 1000));
            long heapBefore = probe.liveHeapBytes();
            long rssBefore = probe.rssBytes();
            try (Clients measured = clients(uri)) {
                EchoSocket.Shared shared = new EchoSocket.Shared();
                long openStart = System.nanoTime();
                List<EchoSocket> sockets = openAll(measured, shared);
                double openSeconds = (System.nanoTime() - openStart) / 1e9;
                progress(sockets.size() + " sockets open in " + String.format(Locale.ROOT, "%.2f s", openSeconds));
                Thread.sleep((long) (options.settle() * 1000));
                if (shared.closed.sum() > 0) {
                    throw new IOException(shared.closed.sum() + " sockets closed before the memory reading");
                }
                long heapAfter = probe.liveHeapBytes();
                long rssAfter = probe.rssBytes();
                int n = sockets.size();
                progress("memory read");
                Set<SocketAddress> tcp = new HashSet<>();
                sockets.forEach(socket -> tcp.add(socket.socket().localAddress()));

                echo(sockets, options.warmup());
                long countStart = shared.verified.sum();
                shared.latencyNanos.getIntervalHistogram(); // from here on
                long start = System.nanoTime();
                Thread.sleep((long) (options.seconds() * 1000));
                long counted = shared.verified.sum() - countStart;
                double seconds = (System.nanoTime() - start) / 1e9;
                Histogram latencies = shared.latencyNanos.getIntervalHistogram();
                long lost = finish(sockets);
                progress("echo done");
                long heapPerSocket = heapBefore < 0 || heapAfter < 0 ? -1 : (heapAfter - heapBefore) / n;
                return new Result(mode, n, tcp.size(), n / openSeconds, heapPerSocket, (rssAfter - rssBefore) / n,
                        counted / seconds, latencies.getValueAtPercentile(50) / 1e3,
                        latencies.getValueAtPercentile(99) / 1e3, shared.verified.sum(), shared.mismatched.sum(), lost,
                        shared.closed.sum());
            }
        }
    }

    private void progress(String what) {
        System.err.printf(Locale.ROOT, "%s: %s (%.1f s)%n", mode.title, what, (System.nanoTime() - began) / 1e9);
    }

    private Clients clients(URI uri) {
        if (mode == Mode.HTTP1) {
            NettyWebSocketClient client = NettyWebSocketClient.builder().build();
            return new Clients() {
                @Override
                public CompletableFuture<WebSocket> connect(int index, WebSocketHandler handler) {
                    return client.connect(uri, handler);
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
        List<NettyHttp2WebSocketClient> clients = new ArrayList<>();
        for (int i = 0; i < options.h2Connections(); i++) {
            clients.add(NettyHttp2WebSocketClient.builder().build());
        }
        return new Clients() {
            @Override
            public CompletableFuture<WebSocket> connect(int index, WebSocketHandler handler) {
                // Each client keeps one connection per server: socket i is a stream of connection i mod N.
                return clients.get(index % clients.size()).connect(uri, handler);
            }

            @Override
            public void close() {
                clients.forEach(NettyHttp2WebSocketClient::close);
            }
        };
    }

    /** Opens every socket, at most {@code --open-concurrency} handshakes at a time; all must open. */
    private List<EchoSocket> openAll(Clients clients, EchoSocket.Shared shared) throws IOException, InterruptedException {
        Semaphore outstanding = new Semaphore(options.openConcurrency());
        List<EchoSocket> sockets = new ArrayList<>();
        List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
        IntFunction<EchoSocket> socket = id -> new EchoSocket(id, options.size(), shared);
        for (int i = 0; i < options.sockets(); i++) {
            if (!outstanding.tryAcquire(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("handshakes stalled after " + i + " of " + options.sockets());
            }
            EchoSocket handler = socket.apply(i);
            sockets.add(handler);
            opened.add(clients.connect(i, handler).whenComplete((open, failure) -> outstanding.release()));
        }
        try {
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(mode.title + ": not every socket opened", e);
        }
        return sockets;
    }

    /** Starts every socket's echo, {@code --in-flight} messages outstanding each, and lets it run {@code seconds}. */
    private void echo(List<EchoSocket> sockets, double seconds) throws InterruptedException {
        sockets.forEach(socket -> socket.start(options.inFlight()));
        Thread.sleep((long) (seconds * 1000));
    }

    /** Stops sending, waits for every outstanding echo (bounded), and returns how many never came. */
    private static long finish(List<EchoSocket> sockets) throws InterruptedException {
        sockets.forEach(EchoSocket::stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_SECONDS);
        long outstanding;
        do {
            outstanding = sockets.stream().mapToLong(EchoSocket::outstanding).sum();
            if (outstanding == 0) {
                return 0;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return outstanding;
    }
}
