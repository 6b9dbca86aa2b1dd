package dev.wskit.testkit.kit;

import dev.wskit.protocol.proxy.HttpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code tinyproxy}, a real HTTP proxy, run in the foreground on 127.0.0.1 and a free port
 * with a config of its own in a temporary directory, and stopped on {@link #close()}. A test that
 * needs one is skipped when tinyproxy is not installed. Made by {@link Kit#tinyproxy}.
 */
public final class Tinyproxy implements AutoCloseable {
    private static final List<Path> LOCATIONS = List.of(Path.of("/usr/bin/tinyproxy"), Path.of("/usr/sbin/tinyproxy"));
    /** Another process may take the free port found before tinyproxy binds it. */
    private static final int ATTEMPTS = 3;
    private static final long POLL_MILLIS = 20;

    private final Path directory;
    private final Process process;
    private final int port;

    /** Writes {@code config} into {@code directory} and runs tinyproxy on it in the foreground. */
    private Tinyproxy(Path executable, Path directory, int port, String config) throws IOException {
        this.directory = directory;
        this.port = port;
        Path file = Files.writeString(directory.resolve("tinyproxy.conf"), config);
        this.process = new ProcessBuilder(executable.toString(), "-d", "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("output.txt").toFile()).start();
    }

    /**
     * Starts tinyproxy allowing {@code CONNECT} to {@code connectPort} only, from 127.0.0.1 only,
     * and, when {@code user} is not {@code null}, only with Basic credentials {@code user} and
     * {@code password}; returns once it accepts connections. Skips the test when tinyproxy is
     * not installed.
     */
    static Tinyproxy start(int connectPort, String user, String password) throws IOException, InterruptedException {
        Optional<Path> executable = LOCATIONS.stream().filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(executable.isPresent(),
                "tinyproxy is not installed (apt-get install tinyproxy): the cases through a real proxy are skipped");
        Path directory = Files.createTempDirectory("wskit-tinyproxy");
        IOException lastFailure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Tinyproxy proxy = new Tinyproxy(executable.get(), directory, port,
                    config(port, connectPort, directory.resolve("tinyproxy.log"), user, password));
            try {
                proxy.awaitListening();
                return proxy;
            } catch (IOException e) {
                lastFailure = e;
                proxy.stop();
            }
        }
        deleteRecursively(directory);
        throw lastFailure;
    }

    /**
     * The config: tinyproxy allows {@code CONNECT} to 443 and 563 only unless told otherwise, so
     * the test server's port is named; a log at the {@code Connect} level shows each request.
     */
    private static String config(int port, int connectPort, Path log, String user, String password) {
        StringBuilder config = new StringBuilder()
                .append("Port ").append(port).append('\n')
                .append("Listen 127.0.0.1\n")
                .append("Allow 127.0.0.1\n")
                .append("Timeout 60\n")
                .append("MaxClients 200\n")
                .append("LogFile \"").append(log).append("\"\n")
                .append("LogLevel Connect\n")
                .append("ConnectPort ").append(connectPort).append('\n');
        if (user != null) {
            config.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
        }
        return config.toString();
    }

    /** The proxy as clients name it: {@code http://127.0.0.1:<port>}, no credentials. */
    public HttpProxy proxy() {
        return HttpProxy.of("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    /**
     * Waits, up to {@link Events#WAIT}, until tinyproxy's log shows a {@code CONNECT} to
     * {@code authority}; fails the test if it never does.
     */
    public void awaitConnectLogged(String authority) throws IOException, InterruptedException {
        String request = "CONNECT " + authority + " HTTP/1.1";
        long deadline = System.nanoTime() + Events.WAIT.toNanos();
        while (!log().contains(request)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("tinyproxy never logged '" + request + "'; its log:\n" + log());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    /** Tinyproxy's log so far. */
    public String log() throws IOException {
        Path log = directory.resolve("tinyproxy.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        deleteRecursively(directory);
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Events.WAIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("tinyproxy exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("output.txt")) + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("tinyproxy does not listen on port " + port + " after "
                            + Events.WAIT.toSeconds() + " s", notYet);
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        }
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
