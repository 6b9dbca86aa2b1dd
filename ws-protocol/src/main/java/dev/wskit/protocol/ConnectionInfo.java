package dev.wskit.protocol;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * Which connection a {@link ConnectionListener} hears of, the same value for each of its events.
 *
 * @param transport the name of the transport that carries it ({@code blocking}, {@code netty},
 *     {@code vertx}, or a transport's own)
 * @param role whether this end is the server or the client
 * @param remoteAddress the peer's address, or {@code null} when the transport does not know it
 */
public record ConnectionInfo(String transport, Role role, SocketAddress remoteAddress) {
    /**
     * Checks that the transport and the role are given.
     *
     * @param transport the name of the transport carrying the connection ({@code "netty"}, say);
     *     not {@code null}
     * @param role whether this end is the server or the client; not {@code null}
     * @param remoteAddress the peer's address, or {@code null} when it is not known
     */
    public ConnectionInfo {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(role, "role");
    }
}
