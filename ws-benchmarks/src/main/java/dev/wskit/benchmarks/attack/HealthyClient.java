package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.EchoParser;
import dev.wskit.benchmarks.load.Latencies;
import dev.wskit.benchmarks.load.LoadResult;
import dev.wskit.benchmarks.load.MessageTemplate;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The bystander during an attack: one ordinary connection sending a small message every
 * {@code interval} and timing its echo, checked by the load tool's parser. An echo that does not
 * come within {@link #ECHO_TIMEOUT_MILLIS}, or a connection the server refuses or drops, is a
 * failure, after which it reconnects: it measures whether the server still serves its other
 * users, not just whether one connection survived. Paced, not flat out, so on a small machine
 * the bystander does not compete with the attack for the CPU.
 */
final class HealthyClient implements AutoCloseable {
    static final int ECHO_TIMEOUT_MILLIS = 2000;
    private static final int MESSAGE_BYTES = 16;
    /** After a failure, before reconnecting: a refused connection fails at once, and would spin. */
    private static final long FAILURE_PAUSE_MILLIS = 100;

    private final Target target;
    private final long intervalNanos;
    private final MessageTemplate template = new MessageTemplate(MESSAGE_BYTES, false);
    private final Histogram latencies = new Histogram(60_000_000_000L, 3);
    private final Thread thread;
    private volatile boolean stopping;
    private long echoes;
    private long failures;
    private String firstFailure;

    HealthyClient(Target target, long intervalMillis) {
        this.target = target;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.thread = new Thread(this::run, "healthy-client");
        this.thread.setDaemon(true);
    }

    HealthyClient start() {
        thread.start();
        return this;
    }

    /**
     * Sends and times {@code count} echoes on a fresh connection, now: whether the server still
     * serves a newcomer after an attack.
     */
    static boolean serves(Target target, int count) {
        try (Peer peer = Peer.open(target, target.handshake())) {
            Echoer echoer = new Echoer(peer, new MessageTemplate(MESSAGE_BYTES, false));
            for (int i = 0; i < count; i++) {
                echoer.echo();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void run() {
        while (!stopping) {
            try (Peer peer = Peer.open(target, target.handshake())) {
                Echoer echoer = new Echoer(peer, template);
                while (!stopping) {
                    long next = System.nanoTime() + intervalNanos;
                    long nanos = echoer.echo();
                    synchronized (this) {
                        echoes++;
                        latencies.recordValue(Math.min(nanos, latencies.getHighestTrackableValue()));
                    }
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
                if (!pause(FAILURE_PAUSE_MILLIS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sleeps; false when interrupted. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private synchronized void fail(Exception e) {
        if (stopping) {
            return;
        }
        failures++;
        if (firstFailure == null) {
            firstFailure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /** Stops the client; an echo under way is waited for, within its timeout. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(ECHO_TIMEOUT_MILLIS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Puts echoes, failures and latency percentiles (milliseconds) into {@code result}. */
    synchronized void report(LoadResult result) {
        LoadResult latency = new LoadResult();
        Latencies.put(latency, latencies);
        result.put("healthy_echoes", echoes)
                .put("healthy_failures", failures)
                .put("healthy_p50_ms", latency.getDouble("p50_us") / 1000)
                .put("healthy_p99_ms", latency.getDouble("p99_us") / 1000)
                .put("healthy_max_ms", latency.getDouble("max_us") / 1000);
        if (firstFailure != null) {
            result.put("healthy_error", AttackRun.oneToken(firstFailure));
        }
    }

    /** One message out, its echo in and checked, with a bounded wait. */
    private static final class Echoer implements EchoParser.Listener {
        private final Peer peer;
        private final MessageTemplate template;
        private final EchoParser parser;
        private final ByteBuffer out;
        private final byte[] in = new byte[256];
        private long sequence;
        private boolean echoed;

        Echoer(Peer peer, MessageTemplate template) throws IOException {
            this.peer = peer;
            this.template = template;
            this.parser = new EchoParser(template, false, this);
            this.out = ByteBuffer.allocate(template.frameLength());
            peer.channel.socket().setSoTimeout(ECHO_TIMEOUT_MILLIS);
        }

        /** @return nanoseconds from send to echo */
        long echo() throws IOException {
            out.clear();
            template.writeFrame(out, sequence++);
            long sent = System.nanoTime();
            peer.write(out.flip());
            echoed = false;
            while (!echoed) {
                int n;
                try {
                    n = peer.channel.socket().getInputStream().read(in);
                } catch (SocketTimeoutException e) {
                    throw new IOException("no echo within " + ECHO_TIMEOUT_MILLIS + " ms", e);
                }
                if (n < 0) {
                    throw new IOException("the server closed the healthy connection");
                }
                parser.consume(ByteBuffer.wrap(in, 0, n));
            }
            return System.nanoTime() - sent;
        }

        @Override
        public void onEcho(long sequence) {
            echoed = true;
        }
    }
}
