package dev.wskit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code redis-server}, for the tests of the cluster and of what runs on it: run in the
 * foreground on 127.0.0.1 and a free port, keeping nothing on disk, with a temporary directory of its own; stopped on {@link #close()}. A test that
 * needs one is skipped, saying why, when redis-server is not installed. {@link #kill()} and
 * {@link #restart()} play an outage: the same port, and the data gone, as no persistence is on.
 */
public final class RedisServer implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** Another process may take the free port found before redis-server binds it. */
    private static final int ATTEMPTS = 3;

    private final Path directory;
    private final int port;
    private Process process;

    private RedisServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server and returns once it answers PING; skips the test when redis-server is not installed. */
    public static RedisServer start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE), "redis-server is not installed at " + EXECUTABLE
                + " (apt-get install redis-server): the tests against a real Redis are skipped");
        Path directory = Files.createTempDirectory("wskit-redis");
        IOException lastFailure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            RedisServer server = new RedisServer(directory, freePort());
            try {
                server.launch();
                return server;
            } catch (IOException e) {
                lastFailure = e;
                server.stop();
            }
        }
        deleteRecursively(directory);
        throw lastFailure;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server at once (SIGKILL): no goodbye to its clients, its data lost. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    @Override
    public void close() throws IOException {
        stop();
        deleteRecursively(directory);
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(EXECUTABLE.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("output.txt").toFile()))
                .start();
        awaitPong();
    }

    private void awaitPong() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("output.txt")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                probe.setSoTimeout(1000);
                OutputStream out = probe.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = probe.getInputStream();
                byte[] answer = in.readNBytes(7);
                if (new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("redis-server does not answer PING on port " + port + " after "
                            + WAIT.toSeconds() + " s", notYet);
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
