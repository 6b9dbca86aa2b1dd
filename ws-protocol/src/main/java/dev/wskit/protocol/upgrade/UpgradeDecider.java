package dev.wskit.protocol.upgrade;

import dev.wskit.protocol.WebSocketHandler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Decides, before the {@code 101}, whether an opening request becomes a WebSocket and with which
 * handler. It sees only requests that passed every rule of RFC 6455 §4.2.1 (and the configured
 * origin policy); the others were answered already. Called on the connection's owner (an event
 * loop, a context, the reader thread): a decision that must wait for I/O returns
 * {@link UpgradeDecision#later} rather than block. An exception answers {@code 500}.
 */
@FunctionalInterface
public interface UpgradeDecider {

    /**
     * The decision on {@code request}: accept with a handler, reject, or
     * {@link UpgradeDecision#later}.
     *
     * @param request the valid upgrade request, with the peer's address and TLS session
     * @return the decision; not {@code null}
     */
    UpgradeDecision decide(UpgradeRequest request);

    /**
     * Accepts every request, with a new handler from {@code handlers} for each connection.
     *
     * @param handlers gives a new handler for each connection
     * @return a decider that never rejects a valid request
     */
    static UpgradeDecider acceptAll(Supplier<? extends WebSocketHandler> handlers) {
        Objects.requireNonNull(handlers, "handlers");
        return request -> UpgradeDecision.accept(handlers.get());
    }
}
