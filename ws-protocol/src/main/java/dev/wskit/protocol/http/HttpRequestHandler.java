package dev.wskit.protocol.http;

/**
 * The application's answer to a request that is not a WebSocket upgrade: a health check, a page
 * that opens the WebSocket, a small API call. The request comes with its body
 * ({@link HttpRequest#body()}, at most {@link dev.wskit.protocol.WebSocketConfig#maxHttpBodyBytes()}).
 * The engine keeps the connection open for the next request as RFC 9112 §9.3 says (HTTP/1.1 unless
 * either side says {@code Connection: close}; HTTP/1.0 only with {@code keep-alive}), and frames the
 * answer with its {@code Content-Length}: the handler need not care about either. A next request on
 * the same connection may be the WebSocket upgrade.
 */
@FunctionalInterface
public interface HttpRequestHandler {

    /**
     * The response to {@code request}; {@code null} answers 404. An exception answers 500, and
     * its message never reaches the peer.
     *
     * @param request a request that is not a WebSocket upgrade, its body read
     * @return the response, or {@code null} for 404
     */
    HttpResponse handle(HttpRequest request);
}
