package dev.wskit.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a server process's memory from outside it: resident set size from
 * {@code /proc/<pid>/status} (Linux), and live heap from {@code jcmd <pid> GC.class_histogram},
 * which collects first, so its total is what is still reachable. Neither needs anything in the
 * server. The JDK's {@code jcmd} is found next to the running {@code java}.
 */
final class ServerProbe {
    private final long pid;

    ServerProbe(long pid) {
        this.pid = pid;
    }

    /** Resident set size in bytes. */
    long rssBytes() throws IOException {
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
     * {@code jcmd}, or the server is this JVM (the JDK refuses to attach to itself by default).
     */
    long liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (pid == ProcessHandle.current().pid() || !Files.isExecutable(jcmd)) {
            return -1;
        }
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            return -1;
        }
        // The last line: "Total <instances> <bytes>".
        return output.lines().filter(line -> line.startsWith("Total")).findFirst()
                .map(line -> Long.parseLong(line.trim().split("\\s+")[2]))
                .orElse(-1L);
    }
}
