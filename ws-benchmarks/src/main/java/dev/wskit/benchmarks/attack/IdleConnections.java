package dev.wskit.benchmarks.attack;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.wskit.benchmarks.load.Connector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Many upgraded connections that then say nothing, opened by the load tool's connector, as many
 * as {@link Scale#idleConnections()} or as this process's file limit allows. Without an idle
 * timeout a server keeps them all; what each costs it shows in the peak heap.
 */
final class IdleConnections extends Attack {
    /** Files kept for the JVM itself and the healthy client. */
    private static final long SPARE_FILES = 200;
    private static final int OPEN_CONCURRENCY = 64;

    IdleConnections() {
        super("idle-connections", "N upgraded connections, then silence");
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        int count = (int) Math.min(scale.idleConnections(), fileLimit() - SPARE_FILES);
        List<SocketChannel> channels;
        try {
            channels = new Connector(target.address(), target.handshake()).open(count, OPEN_CONCURRENCY);
        } catch (IOException | RuntimeException e) {
            return "opening " + count + " failed: " + e.getMessage();
        }
        try (Peers peers = new Peers()) {
            channels.forEach(channel -> peers.add(Peer.upgraded(channel)));
            Peers.hold(scale.holdMillis());
            return peers.fates() + (channels.size() < count ? " (of " + count + " attempted)" : "");
        }
    }

    private static long fileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 1024;
    }
}
