package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server process's memory from outside it: resident set size from
 * {@code /proc/<pid>/status} (Linux), and live heap from {@code jcmd <pid> GC.class_histogram},
 * which collects first, so its total is what is still reachable. Neither needs anything in the
 * server. The JDK's {@code jcmd} is found next to the running {@code java}.
 */
public final class ServerProbe {
    private static final long JCMD_TIMEOUT_SECONDS = 30;

    private final long pid;

    public ServerProbe(long pid) {
        this.pid = pid;
    }

    /** Linux's clock ticks per second ({@code USER_HZ}), 100 on every common architecture. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    /**
     * CPU seconds the process has used so far, user and system, from {@code /proc/<pid>/stat}
     * (fields 14 and 15, in clock ticks of 10 ms).
     */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // The command name (field 2) is in parentheses and may hold spaces; count after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
    }

    /** Resident set size in bytes. Public for the HTTP/2 benchmark (dev.wskit.benchmarks.http2), which reads its server the same way. */
    public long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.trim().split("\\s+"); // VmRSS: 123456 kB
                return Long.parseLong(parts[1]) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /**
     * Bytes of live objects after a full collection, or -1 when they cannot be read: no
     * {@code jcmd}, the server is this JVM (the JDK refuses to attach to itself by default), or
     * it did not answer within 30 seconds.
     */
    public long liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (pid == ProcessHandle.current().pid() || !Files.isExecutable(jcmd)) {
            return -1;
        }
        // Into a file, so a server too busy to answer (one out of memory) costs a bounded wait.
        Path output = Files.createTempFile("jcmd-histogram", ".txt");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0) {
                return -1;
            }
            return total(Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static long total(String output) {
        // The last line: "Total <instances> <bytes>".
        return output.lines().filter(line -> line.startsWith("Total")).findFirst()
                .map(line -> Long.parseLong(line.trim().split("\\s+")[2]))
                .orElse(-1L);
    }
}
