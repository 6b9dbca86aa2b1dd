package dev.wskit.transport.core;

import dev.wskit.protocol.handshake.ClientHandshake;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one connect adds to the client's opening request, the same on every transport: header
 * fields after the client's own (a token that changes between connects, say; RFC 6455 §4.1 item
 * 12), and the subprotocols to offer instead of the configuration's (§4.1 item 10). Immutable:
 * each {@code with} method checks its argument at once and returns a new value.
 */
public final class ConnectOptions {
    private static final ConnectOptions NONE = new ConnectOptions(List.of(), null);

    private final List<Map.Entry<String, String>> headers;
    /** {@code null}: the configuration's. */
    private final List<String> subprotocols;

    private ConnectOptions(List<Map.Entry<String, String>> headers, List<String> subprotocols) {
        this.headers = headers;
        this.subprotocols = subprotocols;
    }

    /**
     * Nothing added: the request the client's settings make.
     *
     * @return the empty options, shared
     */
    public static ConnectOptions none() {
        return NONE;
    }

    /**
     * These options with one more header field; may be called again for more, of the same name
     * too. A field the handshake writes itself is refused, as by the client builder's {@code header}.
     *
     * @param name the field's name; an HTTP token
     * @param value the field's value; no control characters
     * @return new options; these are unchanged
     * @throws IllegalArgumentException naming the rule the field breaks
     */
    public ConnectOptions withHeader(String name, String value) {
        ClientHandshake.checkHeader(name, value);
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new ConnectOptions(List.copyOf(more), subprotocols);
    }

    /**
     * These options offering {@code subprotocols}, in order of preference, instead of the
     * configuration's; none offers none.
     *
     * @param subprotocols the names, each an HTTP token (RFC 6455 §4.1 item 10)
     * @return new options; these are unchanged
     * @throws IllegalArgumentException naming one that is not an HTTP token
     */
    public ConnectOptions withSubprotocols(String... subprotocols) {
        return new ConnectOptions(headers, ClientHandshake.checkSubprotocols(List.of(subprotocols)));
    }

    /**
     * The header fields added, in order.
     *
     * @return the fields as name and value entries, an unmodifiable list
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * The subprotocols offered instead of the configuration's; empty to offer the configuration's.
     *
     * @return the subprotocols, or empty
     */
    public Optional<List<String>> subprotocols() {
        return Optional.ofNullable(subprotocols);
    }

    /** Adds these options to the opening request of one connection. */
    void addTo(ClientHandshake.Builder request) {
        headers.forEach(field -> request.header(field.getKey(), field.getValue()));
        if (subprotocols != null) {
            request.subprotocols(subprotocols);
        }
    }
}
