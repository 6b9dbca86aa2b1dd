package dev.wskit.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What an app prints, line by line, for a test to wait on: a {@link PrintStream} that queues each line. */
public final class LineCapture extends OutputStream {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    public PrintStream stream() {
        return stream;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.add(current.toString(StandardCharsets.UTF_8));
            current.reset();
        } else {
            current.write(b);
        }
    }

    /** The next line, waiting up to 10 s. */
    public String next() throws InterruptedException {
        String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output line within " + WAIT + "; lines so far: " + seen);
        }
        seen.add(line);
        return line;
    }

    /** Skips lines up to the first that {@code wanted} accepts, and returns it. */
    public String await(Predicate<String> wanted) throws InterruptedException {
        for (String line = next(); ; line = next()) {
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** The lines not taken by {@link #next} yet, without waiting. */
    public List<String> rest() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        seen.addAll(rest);
        return rest;
    }
}
