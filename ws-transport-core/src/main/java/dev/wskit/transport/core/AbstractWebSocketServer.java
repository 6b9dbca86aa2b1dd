package dev.wskit.transport.core;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The frame of a {@link WebSocketServer} that binds at once: its {@link ServerLifecycle} runs a
 * transport's own bind and stop at most once each, in that order, and the port, the close and the
 * checks are the same on every such server. A transport writes how it binds and how it stops
 * what it bound.
 *
 * @param <S> the transport's server, which {@link #start()} returns
 */
public abstract class AbstractWebSocketServer<S extends AbstractWebSocketServer<S>> implements WebSocketServer {
    private final ServerSettings settings;
    private final ServerLifecycle lifecycle = new ServerLifecycle();

    /**
     * A server of connections made with {@code settings}; nothing is bound until {@link #start()}.
     *
     * @param settings the host, port, configuration and handler every connection of this server
     *     is made with; not {@code null}
     * @throws NullPointerException when {@code settings} is {@code null}
     */
    protected AbstractWebSocketServer(ServerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What this server was built with.
     *
     * @return the settings given to the constructor, never {@code null}
     */
    protected final ServerSettings settings() {
        return settings;
    }

    /**
     * Binds and starts accepting; returns once bound.
     *
     * @throws IOException when the address cannot be bound, naming it and why
     * @throws IllegalStateException when started before
     */
    @Override
    public final synchronized S start() throws IOException {
        lifecycle.start(settings, this::bind);
        @SuppressWarnings("unchecked") // S is the class that extends this one, by the bound above
        S self = (S) this;
        return self;
    }

    /**
     * Binds to the settings' host and port and starts accepting; on a failure, releases what it
     * took before it throws.
     *
     * @return the port bound to (the one chosen when the settings' port is 0)
     * @throws Exception why the address could not be bound
     */
    protected abstract int bind() throws Exception;

    /**
     * The bound port (the one chosen when the builder's port was 0), also after a stop.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    @Override
    public final int port() {
        return lifecycle.port();
    }

    @Override
    public final void stop(Duration grace) {
        lifecycle.stop(grace, this::stopBound);
    }

    /**
     * The first stop of a started server: stops accepting, closes the connections with
     * {@link ServerSettings#STOP_REASON} and waits up to {@code grace} for them, and releases what
     * {@link #bind()} took.
     *
     * @param grace how long to wait for the connections to finish their closing handshake (RFC 6455
     *     §7.1.2) before they are dropped; zero drops them at once, never negative
     */
    protected abstract void stopBound(Duration grace);

    /** {@link #stop(Duration)} with the configuration's close timeout as the grace. */
    @Override
    public final void close() {
        stop(settings.config().closeTimeout());
    }
}
