package dev.wskit.transport.core;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.handshake.ServerHandshake;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import java.util.Map;

/**
 * What every mount on an HTTP server the application already runs (a Netty pipeline, a Vert.x
 * {@code HttpServer}) decides alike: the request that server read, as the engine reads it, and the
 * answer to a request the engine cannot take.
 */
public final class MountedRequests {
    private MountedRequests() {
    }

    /**
     * The request as the engine reads it, from the parts the HTTP server parsed.
     *
     * @param method the request method as sent, case-sensitive; RFC 6455 §4.1 requires {@code GET}
     * @param target the request target as sent: an origin-form path with any query (RFC 9112 §3.2)
     * @param majorVersion the HTTP major version, 1 for the requests RFC 6455 §4.1 upgrades
     * @param minorVersion the HTTP minor version; RFC 6455 §4.1 requires at least 1 (HTTP/1.1)
     * @param fields the header fields in the order received, names in any case, a repeated name
     *     kept as repeated
     * @return the request for {@link ConnectionDriver#receiveUpgrade}, checked there against RFC
     *     6455 §4.2.1
     * @throws IllegalArgumentException for what the engine refuses though the server took it (a
     *     fragment in the target, say)
     */
    public static HttpRequest read(String method, String target, int majorVersion, int minorVersion,
                                   Iterable<? extends Map.Entry<String, String>> fields) {
        return new HttpRequest(method, target, majorVersion, minorVersion, HttpHeaders.builder().addAll(fields).build());
    }

    /**
     * RFC 6455 §4.2.1: a handshake that cannot be read is answered with an error status such as
     * 400, as is any malformed request (RFC 9110 §15.5.1). The engine's own refusal, so it looks
     * the same as on a connection the engine reads itself; the connection closes after it.
     *
     * @return a {@code 400 Bad Request} with the engine's body, the same on every call
     */
    public static HttpResponse unreadable() {
        return ServerHandshake.reject(ProtocolViolation.MALFORMED_REQUEST).response();
    }
}
