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
     */
    public static HttpResponse unreadable() {
        return ServerHandshake.reject(ProtocolViolation.MALFORMED_REQUEST).response();
    }
}
