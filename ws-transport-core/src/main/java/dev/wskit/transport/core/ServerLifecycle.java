package dev.wskit.transport.core;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The one life of a server, the same on every transport: started at most once, stopped at most
 * once, in that order. A start that fails to bind leaves the server as new, so it may be started
 * again. Thread-safe.
 */
public final class ServerLifecycle {
    private enum State { NEW, STARTING, STARTED, STOPPED }

    private State state = State.NEW;
    private int port = -1;

    /** A lifecycle of a server not started yet, bound to no port. */
    public ServerLifecycle() {
    }

    /** How a server binds, at once: returns the port it is bound to, or throws why it is not. */
    @FunctionalInterface
    public interface Binding {
        /**
         * Binds the server's listening socket.
         *
         * @return the port bound, 1 to 65535
         * @throws Exception why the address could not be bound
         */
        int bind() throws Exception;
    }

    /**
     * The {@code start()} of a server that binds at once: {@link #starting()}, then {@code binding},
     * then {@link #started}; a failed bind leaves the server new (the binding has released what it
     * took) and is thrown as the one failure every server's start has.
     *
     * @param settings the server's settings, for the error's address
     * @param binding binds the server
     * @throws IOException {@link ServerSettings#bindFailed} of what {@code binding} threw
     * @throws IllegalStateException when it was started before
     */
    public void start(ServerSettings settings, Binding binding) throws IOException {
        starting();
        int bound;
        try {
            bound = binding.bind();
        } catch (Exception e) {
            startFailed();
            throw settings.bindFailed(e);
        }
        started(bound);
    }

    /**
     * The {@code stop(grace)} of every server: checks {@code grace}, then runs {@code stop} with it
     * for the first stop of a started server only.
     *
     * @param grace how long open connections get to close; not negative
     * @param stop stops the server, given {@code grace}
     * @throws IllegalArgumentException when {@code grace} is negative
     */
    public void stop(Duration grace, Consumer<Duration> stop) {
        ArgumentChecks.notNegative(grace, "grace");
        if (stopping()) {
            stop.accept(grace);
        }
    }

    /**
     * The server begins to bind.
     *
     * @throws IllegalStateException when it was started before
     */
    public synchronized void starting() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        state = State.STARTING;
    }

    /**
     * The server is bound to {@code port} and accepts.
     *
     * @param port the port bound, 1 to 65535
     */
    public synchronized void started(int port) {
        this.port = port;
        state = State.STARTED;
    }

    /** Binding failed: the server is new again. */
    public synchronized void startFailed() {
        state = State.NEW;
    }

    /**
     * The port the server is bound to, also after it stopped.
     *
     * @return the port, 1 to 65535
     * @throws IllegalStateException before it was started
     */
    public synchronized int port() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    /**
     * Whether the caller is to stop the server: true once, for the first stop of a started
     * server; a stop before the start, or a second one, has nothing to do.
     *
     * @return {@code true} for the first stop of a started server, then {@code false}
     */
    public synchronized boolean stopping() {
        if (state != State.STARTED) {
            return false;
        }
        state = State.STOPPED;
        return true;
    }
}
