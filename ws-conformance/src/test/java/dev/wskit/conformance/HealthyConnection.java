package dev.wskit.conformance;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved client of the server under a fault, on the same transport's own client: it must
 * echo before the fault, all through it, and after it, each round trip within
 * {@link #ECHO_TIMEOUT}. A fault that hurts this connection (a stall, a drop, a lost message)
 * fails the test that caused it.
 *
 * <p>Threading: {@link #echo} from the test thread; {@link #startEchoing} runs its own thread
 * until {@link #stopEchoing}.
 */
final class HealthyConnection implements AutoCloseable {
    /**
     * A round trip on loopback, with room for a busy 2-core CI machine (Vert.x took up to 0.8 s
     * during the slowloris here); a server stalled by a fault takes longer.
     */
    static final Duration ECHO_TIMEOUT = Duration.ofSeconds(5);
    static final String PATH = "/healthy";

    private final Transport.Client client;
    private final WebSocket socket;
    private final BlockingQueue<String> echoes;
    private final AtomicLong echoedMeanwhile = new AtomicLong();
    /** One permit per round trip of the echoing thread. */
    private final Semaphore roundTrips = new Semaphore(0);
    private final CompletableFuture<Void> echoingEnded = new CompletableFuture<>();
    private volatile boolean stopEchoing;
    private volatile Throwable echoingFailure;
    private volatile long slowestNanos;

    private HealthyConnection(Transport.Client client, WebSocket socket, BlockingQueue<String> echoes) {
        this.client = client;
        this.socket = socket;
        this.echoes = echoes;
    }

    static HealthyConnection open(Transport transport, int port) throws Exception {
        Transport.Client client = transport.client(WebSocketConfig.defaults());
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public void onText(WebSocket socket, String text) {
                echoes.add(text);
            }
        };
        try {
            WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + port + PATH), handler).get(10, TimeUnit.SECONDS);
            return new HealthyConnection(client, socket, echoes);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** Sends {@code text} and fails unless exactly it comes back within {@link #ECHO_TIMEOUT}. */
    void echo(String text) throws InterruptedException {
        long start = System.nanoTime();
        socket.sendText(text);
        String echo = echoes.poll(ECHO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!text.equals(echo)) {
            throw new AssertionError("healthy connection: sent '" + text + "', got "
                    + (echo == null ? "nothing within " + ECHO_TIMEOUT.toMillis() + " ms (" + socket.state() + ")" : "'" + echo + "'"));
        }
        slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
    }

    /** Echoes round after round on a thread of its own, while the fault happens. */
    void startEchoing() {
        Thread thread = new Thread(() -> {
            try {
                for (long n = 0; !stopEchoing; n++) {
                    echo("during " + n);
                    echoedMeanwhile.incrementAndGet();
                    roundTrips.release();
                }
            } catch (Throwable e) {
                echoingFailure = e;
            } finally {
                echoingEnded.complete(null);
            }
        }, "healthy-echoing");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for one more round trip, so at least one completed after the fault (not only before
     * it), then stops the echoing thread and fails if any round trip failed meanwhile.
     */
    void stopEchoing() throws Exception {
        roundTrips.drainPermits();
        boolean oneMore = roundTrips.tryAcquire(2 * ECHO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        stopEchoing = true;
        echoingEnded.get(2 * ECHO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (echoingFailure != null) {
            throw new AssertionError("the healthy connection failed during the fault after "
                    + echoedMeanwhile.get() + " round trips", echoingFailure);
        }
        if (!oneMore) {
            throw new AssertionError("the healthy connection made no round trip after the fault");
        }
    }

    /** The slowest round trip so far, for failure messages. */
    Duration slowest() {
        return Duration.ofNanos(slowestNanos);
    }

    boolean isOpen() {
        return socket.state() == ConnectionState.OPEN;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } finally {
            client.close();
        }
    }
}
