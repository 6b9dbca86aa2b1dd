package dev.wskit.examples.transport;

import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.transport.core.ClientBuilder;
import java.util.List;
import java.util.Map;

/**
 * What the command line adds to a client on any transport: extra header fields of the opening
 * request, in order, and the HTTP proxy to tunnel through.
 *
 * @param headers extra header fields, in order
 * @param proxy the proxy, or {@code null} to connect directly
 */
public record ClientOptions(List<Map.Entry<String, String>> headers, HttpProxy proxy) {
    /** No extra fields, no proxy. */
    public static final ClientOptions NONE = new ClientOptions(List.of(), null);

    public ClientOptions {
        headers = List.copyOf(headers);
    }

    /** Sets these options on {@code builder}. */
    public <B extends ClientBuilder<B>> B applyTo(B builder) {
        headers.forEach(field -> builder.header(field.getKey(), field.getValue()));
        if (proxy != null) {
            builder.proxy(proxy);
        }
        return builder;
    }
}
