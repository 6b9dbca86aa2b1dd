package dev.wskit.benchmarks.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The server's heap in use, sampled during an attack by one {@code jstat -gc <pid> <interval>}
 * process: jstat reads the JVM's shared performance counters, so it neither stops nor needs the
 * server, and still answers while the server is busy collecting or out of memory. Keeps the
 * peak of survivor, eden and old space used, garbage included: a peak near {@code -Xmx} without
 * an {@code OutOfMemoryError} is a collector with work to do; the live heap after the attack
 * ({@link dev.wskit.benchmarks.load.ServerProbe}) says what was kept.
 */
final class HeapWatch implements AutoCloseable {
    private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

    private final Process jstat;
    private final Thread reader;
    private volatile long peakBytes = -1;

    private HeapWatch(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "heap-watch");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts sampling {@code pid} every {@code intervalMillis}, or null without jstat. */
    static HeapWatch start(long pid, long intervalMillis) throws IOException {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (pid <= 0 || !Files.isExecutable(jstat)) {
            return null;
        }
        return new HeapWatch(new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid), Long.toString(intervalMillis))
                .redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
            int[] used = null;
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields[0].equals("S0C")) {
                    List<String> header = Arrays.asList(fields);
                    used = USED_COLUMNS.stream().mapToInt(header::indexOf).toArray();
                } else if (used != null && fields.length > 1) {
                    sample(fields, used);
                }
            }
        } catch (IOException e) {
            // jstat ended (the server exited, or we stopped it): the peak so far stands.
        }
    }

    private void sample(String[] fields, int[] used) {
        double kilobytes = 0;
        for (int column : used) {
            if (column < 0 || column >= fields.length) {
                return;
            }
            kilobytes += Double.parseDouble(fields[column]);
        }
        peakBytes = Math.max(peakBytes, (long) (kilobytes * 1024));
    }

    /** The highest heap in use seen, or -1 when no sample came. */
    long peakBytes() {
        return peakBytes;
    }

    @Override
    public void close() throws InterruptedException {
        jstat.destroy();
        reader.join(2000);
    }
}
