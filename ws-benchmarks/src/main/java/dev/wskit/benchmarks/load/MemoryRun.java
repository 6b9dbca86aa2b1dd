package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The memory mode: first a warm-up round opens {@code --connections} WebSocket connections and
 * closes them, so the server's handshake path is compiled and its native allocators have grown
 * to their working size before the baseline (otherwise JIT arenas and malloc pools touched by the
 * first handshakes count as memory per connection). Then it measures the server, opens
 * {@code --connections} connections and leaves them idle, waits {@code --settle} seconds,
 * measures again, and reports the growth per connection: resident set size and, where {@code jcmd} can attach, live heap after a full
 * collection. Each measurement takes the live heap first (its collection may shrink the heap)
 * and then the RSS, the same way both times. The connections are checked to be still open, and
 * silent, before the second measurement. With {@code --deflate} each connection has negotiated
 * permessage-deflate, which shows what a stack keeps per connection for compression while no
 * message needs it.
 *
 * <p>RSS growth alone mixes two things: memory outside the heap (thread stacks, direct buffers,
 * native socket state) and heap pages the server's garbage touched for the first time, which
 * depends on when the collector ran, not on what a connection holds. Started with its whole heap
 * committed and touched ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}, as run-load.sh does),
 * a server's RSS grows by the memory outside the heap only, and {@code footprint_per_conn_bytes}
 * (that growth plus the live heap growth) is what an idle connection costs.
 */
final class MemoryRun {
    private static final int OPEN_CONCURRENCY = 64;

    private final LoadOptions options;

    MemoryRun(LoadOptions options) {
        this.options = options;
    }

    LoadResult run() throws IOException, InterruptedException {
        if (options.serverPid() <= 0) {
            throw new IllegalArgumentException("--mode memory needs --server-pid");
        }
        ServerProbe server = new ServerProbe(options.serverPid());
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        Connector connector = options.deflate()
                ? new Connector(address, Handshake.offeringDeflate(options.host(), options.port()))
                : new Connector(address, options.raw());
        closeAll(openAll(connector));
        // The server sees each close and lets go of its connection meanwhile.
        Thread.sleep((long) (options.settleSeconds() * 1000));
        long heapBefore = server.liveHeapBytes();
        long rssBefore = server.rssBytes();
        List<SocketChannel> open = openAll(connector);
        try {
            Thread.sleep((long) (options.settleSeconds() * 1000));
            checkStillOpenAndSilent(open);
            long heapAfter = server.liveHeapBytes();
            long rssAfter = server.rssBytes();
            int n = open.size();
            LoadResult result = new LoadResult()
                    .put("mode", "memory")
                    .putAll(options.labels())
                    .put("connections", n)
                    .put("raw", options.raw())
                    .put("deflate", options.deflate())
                    .put("rss_before_mb", rssBefore / 1e6)
                    .put("rss_after_mb", rssAfter / 1e6)
                    .put("rss_per_conn_bytes", (rssAfter - rssBefore) / n);
            if (heapBefore >= 0 && heapAfter >= 0) {
                result.put("heap_before_mb", heapBefore / 1e6)
                        .put("heap_after_mb", heapAfter / 1e6)
                        .put("heap_per_conn_bytes", (heapAfter - heapBefore) / n)
                        .put("footprint_per_conn_bytes", (rssAfter - rssBefore + heapAfter - heapBefore) / n);
            }
            return result.put("errors", 0);
        } finally {
            closeAll(open);
        }
    }

    private List<SocketChannel> openAll(Connector connector) throws IOException {
        List<SocketChannel> open = connector.open(options.connections(), OPEN_CONCURRENCY);
        if (open.size() < options.connections()) {
            closeAll(open);
            throw new IOException("opened " + open.size() + " of " + options.connections() + " connections");
        }
        return open;
    }

    private static void closeAll(List<SocketChannel> channels) throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
    }

    private static void checkStillOpenAndSilent(List<SocketChannel> open) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (SocketChannel channel : open) {
            int n = channel.read(one); // non-blocking: 0 while open and idle
            if (n != 0) {
                throw new EchoMismatch(n < 0 ? "the server closed an idle connection" : "the server sent on an idle connection");
            }
        }
    }
}
