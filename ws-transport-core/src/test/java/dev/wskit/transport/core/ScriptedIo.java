package dev.wskit.transport.core;

import dev.wskit.protocol.PayloadRelease;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A {@link ConnectionIo} with no socket: it records what the driver asks of it, runs handed-over
 * tasks when the test says, and fires the one timer when the test says. The test thread is the
 * owner unless {@link #owner} is turned off.
 */
final class ScriptedIo implements ConnectionIo {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final List<String> calls = new ArrayList<>();
    final List<Runnable> handedOver = new ArrayList<>();
    boolean owner = true;
    long unwritten;
    Runnable timer;
    long timerDelayNanos = -1;
    SocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);

    @Override
    public boolean isOwner() {
        return owner;
    }

    @Override
    public boolean runsLaterFromHere() {
        return !owner;
    }

    @Override
    public void runAsOwner(Runnable task) {
        handedOver.add(task);
    }

    /** Runs what other threads handed over, as the owner would. */
    void runHandedOver() {
        boolean was = owner;
        owner = true;
        List<Runnable> tasks = List.copyOf(handedOver);
        handedOver.clear();
        tasks.forEach(Runnable::run);
        owner = was;
    }

    @Override
    public void write(ByteBuffer bytes, PayloadRelease release) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        written.writeBytes(copy);
        if (release != null) {
            release.release();
        }
    }

    /** Everything written since the last call, as hex. */
    String takeWritten() {
        String hex = java.util.HexFormat.of().formatHex(written.toByteArray());
        written.reset();
        return hex;
    }

    @Override
    public void flush() {
    }

    @Override
    public long unwrittenBytes() {
        return unwritten;
    }

    @Override
    public void reading(boolean on) {
        calls.add(on ? "reading" : "not reading");
    }

    @Override
    public void endGracefully() {
        calls.add("end gracefully");
    }

    @Override
    public void abort() {
        calls.add("abort");
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.empty();
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable task) {
        timer = task;
        timerDelayNanos = delayNanos;
        return () -> {
            if (timer == task) {
                timer = null;
                timerDelayNanos = -1;
            }
        };
    }

    /** Fires the pending timer, as the transport's timer would at its deadline. */
    void fireTimer() {
        Runnable task = timer;
        timer = null;
        timerDelayNanos = -1;
        task.run();
    }

    /** What the driver asked since the last call. */
    List<String> takeCalls() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }
}
