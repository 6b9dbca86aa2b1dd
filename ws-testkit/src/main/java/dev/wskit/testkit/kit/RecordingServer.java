package dev.wskit.testkit.kit;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server of the transport under test whose every connection has a {@link Recorder} of its own,
 * handed to the test in the order the connections were accepted. Made by {@link Kit#server}.
 */
public final class RecordingServer {
    private final TransportUnderTest.Server server;
    private final BlockingQueue<Recorder> connections;
    private final String scheme;

    RecordingServer(TransportUnderTest.Server server, BlockingQueue<Recorder> connections, boolean tls) {
        this.server = server;
        this.connections = connections;
        this.scheme = tls ? "wss" : "ws";
    }

    public int port() {
        return server.port();
    }

    /** {@code ws://127.0.0.1:<port>/} ({@code wss} with TLS). */
    public URI uri() {
        return uri("/");
    }

    public URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    /** The recorder of the next connection accepted, open or not. */
    public Recorder nextConnection() throws InterruptedException {
        Recorder next = connections.poll(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no connection accepted within " + Events.WAIT.toSeconds() + " s");
        }
        return next;
    }

    /** The recorder of the next connection accepted, once it is open ({@code "open"} taken). */
    public Recorder nextOpenConnection() throws InterruptedException {
        Recorder next = nextConnection();
        next.expect("open");
        return next;
    }

    /** {@link TransportUnderTest.Server#stop(Duration)}. */
    public void stop(Duration grace) {
        server.stop(grace);
    }
}
