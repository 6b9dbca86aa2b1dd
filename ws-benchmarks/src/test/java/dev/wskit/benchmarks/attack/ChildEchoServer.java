package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.servers.ServerKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An echo server in its own JVM, as run-attacks.sh starts one: the echo example's profile, a
 * 256 MiB heap, and {@code -XX:OnOutOfMemoryError} so a failed allocation shows in its output
 * (a file), caught or not. An attack that exhausts its heap cannot take the test's JVM with it.
 */
final class ChildEchoServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("^READY .* port=(\\d+) pid=(\\d+) ", Pattern.MULTILINE);
    private static final long START_SECONDS = 30;

    final Path log;
    final int port;
    final long pid;
    private final Process process;

    private ChildEchoServer(Process process, Path log, int port, long pid) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.pid = pid;
    }

    static ChildEchoServer start(ServerKind kind) throws IOException, InterruptedException {
        Path log = Files.createTempFile("attack-" + kind.id(), ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire's own class path for the tests, which holds the servers and their libraries.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:OnOutOfMemoryError=true", "-cp", classPath,
                "dev.wskit.benchmarks.servers.EchoServers", kind.id(), "0", "2", "--profile", "echo-app")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            if (ready.find()) {
                return new ChildEchoServer(process, log, Integer.parseInt(ready.group(1)), Long.parseLong(ready.group(2)));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IOException(kind.id() + " did not start: " + Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    /** Whether the server's output names {@code OutOfMemoryError}, looking until {@code wait} has passed. */
    boolean outOfMemoryWithin(Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            if (Files.readString(log, StandardCharsets.ISO_8859_1).contains("OutOfMemoryError")) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // A server out of memory may never finish its shutdown hook: a short grace, then kill.
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
