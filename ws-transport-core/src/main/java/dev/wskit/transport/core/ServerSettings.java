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
 * configuration of its connections, what decides their upgrades (a handler factory, or an
 * {@link UpgradeDecider}), and the limits its connections are counted against.
 *
 * @param host the address to listen on
 * @param port the port, 0 for a free one
 * @param config the configuration of every connection
 * @param handlers makes one handler per connection, or {@code null} when {@code decider} decides
 * @param decider decides every upgrade, or {@code null} when {@code handlers} accepts them all
 * @param memory what all connections together may hold
 * @param limits counts this server's open connections, one count per server
 * @param listener hears the life of every connection
 * @param wireTrace records chosen connections, or {@code null}
 */
public record ServerSettings(String host, int port, WebSocketConfig config, Supplier<? extends WebSocketHandler> handlers,
                             UpgradeDecider decider, MemoryBudget memory, ConnectionLimits limits,
                             ConnectionListener listener, WireTrace wireTrace) {
    /** The reason of the {@code 1001} every open connection gets when a server stops. */
    public static final String STOP_REASON = "server stopping";

    /**
     * A listener is required ({@link ConnectionListener#NONE} for none).
     *
     * @param host the address to listen on
     * @param port the port, 0 for a free one
     * @param config the configuration of every connection
     * @param handlers makes one handler per connection, or {@code null} when {@code decider}
     *     decides
     * @param decider decides every upgrade, or {@code null} when {@code handlers} accepts them all
     * @param memory what all connections together may hold
     * @param limits counts this server's open connections
     * @param listener hears the life of every connection; not {@code null}
     * @param wireTrace records chosen connections, or {@code null}
     */
    public ServerSettings {
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * The driver of a connection just accepted on {@code io}, its upgrade decided as configured.
     * It counts against {@link #limits()} from its {@link ConnectionDriver#start()} until its
     * {@link ConnectionDriver#transportClosed()}; over a limit, its upgrade (and a plain request
     * to the configuration's HTTP handler) is answered {@code 503}.
     *
     * @param io the new TCP connection's I/O
     * @return the driver, not yet started
     */
    public ConnectionDriver newConnection(ConnectionIo io) {
        return newConnection(io, WebSocketFacade::new);
    }

    /**
     * {@link #newConnection(ConnectionIo)} with the transport's own facade.
     *
     * @param io the new TCP connection's I/O
     * @param facades makes the socket the application holds from the driver
     * @return the driver, not yet started
     */
    public ConnectionDriver newConnection(ConnectionIo io, Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        ConnectionLimits.Slot slot = limits.newSlot();
        WebSocketConfig admitted = slot.admitting(config);
        WireTap tap = wireTrace != null ? wireTrace.newTap() : WireTap.NONE;
        ConnectionDriver driver = decider != null
                ? ConnectionDriver.server(admitted, decider, slot, tap, io, facades)
                : ConnectionDriver.server(admitted, newHandler(), slot, tap, io, facades);
        return driver.drawingOn(memory).observedBy(listener);
    }

    /**
     * A new connection's handler, from the handler factory (absent when a decider decides).
     *
     * @return a new handler, for one connection
     */
    public WebSocketHandler newHandler() {
        if (handlers == null) {
            throw new IllegalStateException("this server's upgrades are decided by " + decider);
        }
        return Objects.requireNonNull(handlers.get(), "the handler supplier returned null");
    }

    /**
     * The one failure of every server's {@code start()}: the address could not be bound (in use,
     * not of this machine, not resolvable), with the transport's exception as the cause.
     *
     * @param cause what the transport threw
     * @return the exception to throw, naming the address
     */
    public IOException bindFailed(Throwable cause) {
        String address = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new IOException("cannot listen on " + address + ":" + port + ": " + reason, cause);
    }
}
