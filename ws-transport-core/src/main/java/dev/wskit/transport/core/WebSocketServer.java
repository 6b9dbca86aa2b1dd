package dev.wskit.transport.core;

import java.io.IOException;
import java.time.Duration;

/**
 * The lifecycle every wskit server has, on every transport: started once, stopped once, with
 * open connections told {@code 1001 Going Away} (RFC 6455 §7.4.1) and given a bounded time to
 * finish their closing handshakes.
 */
public interface WebSocketServer extends AutoCloseable {

    /**
     * Binds and starts accepting; returns once bound.
     *
     * @return this server
     * @throws IOException when the address cannot be bound, naming it and why
     * @throws IllegalStateException when started before
     */
    WebSocketServer start() throws IOException;

    /**
     * The bound port (the one chosen when the builder's port was 0), also after a stop.
     *
     * @return the port, 1 to 65535
     * @throws IllegalStateException before the server was started
     */
    int port();

    /**
     * Stops accepting, sends {@code 1001 "server stopping"} on every open connection, waits up to
     * {@code grace} for their closing handshakes, then drops the connections left, and returns
     * once the server's own threads have ended. Before the start, and after a first stop, it does
     * nothing.
     *
     * @param grace how long to wait for the closing handshakes; zero drops them at once
     * @throws IllegalArgumentException when {@code grace} is negative
     */
    void stop(Duration grace);

    /** {@link #stop(Duration)} with the configuration's close timeout as the grace. */
    @Override
    void close();
}
