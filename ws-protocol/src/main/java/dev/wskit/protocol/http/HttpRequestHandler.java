package dev.wskit.protocol.http;

/**
 * The application's answer to a request that is not a WebSocket upgrade: a health check, a page
 * that opens the WebSocket. The connection closes after the response (one request per
 * connection), so the handler need not care about keep-alive.
 */
@FunctionalInterface
public interface HttpRequestHandler {

    /**
     * The response to {@code request}; {@code null} answers 404. An exception answers 500, and
     * its message never reaches the peer.
     */
    HttpResponse handle(HttpRequest request);
}
