package dev.wskit.protocol.proxy;

import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * One {@code CONNECT} exchange with an HTTP proxy (RFC 9110 §9.3.6), without I/O: the request a
 * transport writes, then the proxy's answer, read from any split of the bytes, that either opens
 * the tunnel or becomes one {@link ProxyConnectException}. Every transport runs its proxied
 * connections through this class, so all of them accept and refuse the same answers.
 *
 * <p>Strict: a tunnel opens on a 2xx head and on nothing else, and nothing may follow that head
 * before we have written through the tunnel, as the server behind it cannot answer a request it
 * has not seen. Not thread-safe: one per connection, used once.
 */
public final class ProxyTunnel {
    /** A proxy's answer to {@code CONNECT} is a status line and a few fields; a longer head is not one. */
    static final int MAX_HEAD_BYTES = 8192;

    private final HttpProxy proxy;
    private final String target;
    private final HttpHeadParser answer = HttpHeadParser.forResponses(MAX_HEAD_BYTES);
    private boolean open;

    private ProxyTunnel(HttpProxy proxy, String target) {
        this.proxy = proxy;
        this.target = target;
    }

    /**
     * An exchange asking {@code proxy} for a tunnel to the host and port of {@code target}.
     *
     * @param proxy the proxy to ask
     * @param target the WebSocket URI whose host and port the tunnel leads to
     * @return a new exchange, its request not yet written
     */
    public static ProxyTunnel to(HttpProxy proxy, WebSocketUri target) {
        Objects.requireNonNull(proxy, "proxy");
        return new ProxyTunnel(proxy, HttpProxy.authority(target.host(), target.port()));
    }

    /**
     * The proxy this exchange talks to.
     *
     * @return the proxy, never {@code null}
     */
    public HttpProxy proxy() {
        return proxy;
    }

    /**
     * The request to write, in a fresh buffer: {@code CONNECT host:port HTTP/1.1}, the same
     * authority as {@code Host} (RFC 9112 §3.2.3), and {@code Proxy-Authorization} when the proxy
     * has credentials (RFC 9110 §11.7.2, RFC 7617).
     *
     * @return a new buffer holding the request, ready to be read
     */
    public ByteBuffer request() {
        HttpHeaders.Builder headers = HttpHeaders.builder().add("Host", target);
        proxy.authorization().ifPresent(value -> headers.add("Proxy-Authorization", value));
        return new HttpRequest("CONNECT", target, 1, 1, headers.build()).encode();
    }

    /**
     * Reads the proxy's answer from {@code in}.
     *
     * @param in bytes from the proxy, from position to limit; the position advances past what was
     *     read
     * @return {@code true} once a 2xx head has been read: the bytes that follow belong to the tunnel
     * @throws ProxyConnectException with the status for any other status (the rest of {@code in},
     *     the refusal's body, is left unread), or {@link ProxyConnectException#NO_STATUS} when the
     *     answer is no HTTP response head, is longer than 8 KiB, or bytes follow a 2xx head
     * @throws IllegalStateException once the tunnel is open
     */
    public boolean receive(ByteBuffer in) throws ProxyConnectException {
        if (open) {
            throw new IllegalStateException("the tunnel is already open");
        }
        boolean complete;
        try {
            complete = answer.parse(in);
        } catch (WebSocketException e) {
            throw new ProxyConnectException(proxy.address(), ProxyConnectException.NO_STATUS,
                    "no valid answer to CONNECT " + target + ": " + e.getMessage(), e);
        }
        if (!complete) {
            return false;
        }
        HttpResponse response = answer.response();
        int status = response.status();
        // RFC 9110 §9.3.6: any 2xx means the proxy switched to tunnel mode after the head; any
        // other answer means it did not, and its fields and body matter no more.
        if (status < 200 || status > 299) {
            throw new ProxyConnectException(proxy.address(), status,
                    "refused CONNECT " + target + ": " + status + " " + response.reason(), null);
        }
        if (in.hasRemaining()) {
            throw new ProxyConnectException(proxy.address(), ProxyConnectException.NO_STATUS,
                    "sent " + in.remaining() + " bytes after its " + status + " answer to CONNECT " + target
                            + ", before anything went through the tunnel", null);
        }
        open = true;
        return true;
    }

    /**
     * The error for a proxy that closed the connection before the tunnel opened.
     *
     * @return the exception to report
     */
    public ProxyConnectException closedEarly() {
        return new ProxyConnectException(proxy.address(), ProxyConnectException.NO_STATUS,
                "closed the connection before answering CONNECT " + target, null);
    }

    /**
     * The error for a proxy that did not answer within {@code timeout}.
     *
     * @param timeout how long the client waited
     * @return the exception to report
     */
    public ProxyConnectException timedOut(Duration timeout) {
        return new ProxyConnectException(proxy.address(), ProxyConnectException.NO_STATUS,
                "no answer to CONNECT " + target + " within " + timeout.toMillis() + " ms", null);
    }
}
