package dev.wskit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What the kernel says about a server's connections, seen from outside the transport: no
 * transport exposes a connection count, and the fault suite must not reach into one. Linux
 * only ({@code /proc}); elsewhere every count is unknown and the checks that need it are
 * skipped by the caller, never faked.
 *
 * <p>A server-side socket the server has not closed is {@code ESTABLISHED} (nobody closed it)
 * or {@code CLOSE_WAIT} (the peer closed, the server did not). Every later state (FIN_WAIT,
 * TIME_WAIT, …) is the kernel finishing a close the server already made, so it does not count.
 */
final class SocketCensus {
    static final int UNKNOWN = -1;
    /** {@code /proc/net/tcp} state codes (include/net/tcp_states.h). */
    private static final Set<String> NOT_CLOSED_BY_SERVER = Set.of("01", "08");
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");
    /** The kernel tables have no change notification: they are read again at this pace. */
    private static final Duration POLL = Duration.ofMillis(20);

    private SocketCensus() {
    }

    /** Sockets on {@code port}'s server side that the server has not closed, or {@link #UNKNOWN}. */
    static int serverSideOpen(int port) {
        String localPort = String.format(Locale.ROOT, ":%04X", port);
        int open = 0;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                return UNKNOWN;
            }
            List<String> rows;
            try {
                rows = Files.readAllLines(table);
            } catch (IOException e) {
                return UNKNOWN;
            }
            for (String row : rows.subList(1, rows.size())) {
                // sl local_address rem_address st ...
                String[] fields = row.trim().split("\\s+");
                if (fields[1].endsWith(localPort) && NOT_CLOSED_BY_SERVER.contains(fields[3])) {
                    open++;
                }
            }
        }
        return open;
    }

    /** File descriptors this JVM holds (clients and in-process servers alike), or {@link #UNKNOWN}. */
    static int openFileDescriptors() {
        try (Stream<Path> descriptors = Files.list(OWN_DESCRIPTORS)) {
            return (int) descriptors.count();
        } catch (IOException | UncheckedIOException e) {
            return UNKNOWN;
        }
    }

    /** The JVM's limit on file descriptors ({@code ulimit -n}), or {@link #UNKNOWN}. */
    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return UNKNOWN;
    }

    /**
     * Waits until {@link #serverSideOpen} is at most {@code limit}; returns the last count (so
     * the caller's assertion shows it), {@link #UNKNOWN} off Linux.
     */
    static int awaitServerSideOpenAtMost(int port, int limit, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int open = serverSideOpen(port);
        while (open > limit && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
            open = serverSideOpen(port);
        }
        return open;
    }

    /** Waits until {@link #openFileDescriptors} is at most {@code limit}; returns the last count. */
    static int awaitFileDescriptorsAtMost(int limit, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int open = openFileDescriptors();
        while (open > limit && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
            open = openFileDescriptors();
        }
        return open;
    }
}
