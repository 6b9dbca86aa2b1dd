package dev.wskit.transport.core;

import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a server was built with, checked by {@link ServerBuilder}: where it listens, the
 * configuration of its connections, and the handler factory.
 *
 * @param host the address to listen on
 * @param port the port, 0 for a free one
 * @param config the configuration of every connection
 * @param handlers makes one handler per connection
 */
public record ServerSettings(String host, int port, WebSocketConfig config, Supplier<? extends WebSocketHandler> handlers) {
    /** The reason of the {@code 1001} every open connection gets when a server stops. */
    public static final String STOP_REASON = "server stopping";

    /** A new connection's handler. */
    public WebSocketHandler newHandler() {
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
