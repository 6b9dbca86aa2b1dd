package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a server was built with, checked by {@link ServerBuilder}: where it listens, the
 * configuration of its connections, and what decides their upgrades: a handler factory, or an
 * {@link UpgradeDecider}.
 *
 * @param host the address to listen on
 * @param port the port, 0 for a free one
 * @param config the configuration of every connection
 * @param handlers makes one handler per connection, or {@code null} when {@code decider} decides
 * @param decider decides every upgrade, or {@code null} when {@code handlers} accepts them all
 * @param memory what all connections together may hold
 * @param listener hears the life of every connection
 */
public record ServerSettings(String host, int port, WebSocketConfig config, Supplier<? extends WebSocketHandler> handlers,
                             UpgradeDecider decider, MemoryBudget memory, ConnectionListener listener) {
    /** The reason of the {@code 1001} every open connection gets when a server stops. */
    public static final String STOP_REASON = "server stopping";

    public ServerSettings {
        Objects.requireNonNull(listener, "listener");
    }

    /** The driver of a connection just accepted on {@code io}, its upgrade decided as configured. */
    public ConnectionDriver newConnection(ConnectionIo io) {
        return newConnection(io, WebSocketFacade::new);
    }

    /** {@link #newConnection(ConnectionIo)} with the transport's own facade. */
    public ConnectionDriver newConnection(ConnectionIo io, Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        ConnectionDriver driver = decider != null
                ? ConnectionDriver.server(config, decider, io, facades)
                : ConnectionDriver.server(config, newHandler(), io, facades);
        return driver.drawingOn(memory).observedBy(listener);
    }

    /** A new connection's handler, from the handler factory (absent when a decider decides). */
    public WebSocketHandler newHandler() {
        if (handlers == null) {
            throw new IllegalStateException("this server's upgrades are decided by " + decider);
        }
        return Objects.requireNonNull(handlers.get(), "the handler supplier returned null");
    }

    /**
     * The one failure of every server's {@code start()}: the address could not be bound (in use,
     * not of this machine, not resolvable), with the transport's exception as the cause.
     */
    public IOException bindFailed(Throwable cause) {
        String address = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new IOException("cannot listen on " + address + ":" + port + ": " + reason, cause);
    }
}
