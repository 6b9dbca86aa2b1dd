package dev.wskit.protocol.http;

import dev.wskit.protocol.internal.HttpSyntax;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An HTTP request (RFC 9112 §3): the request-line, the header fields and, for a plain request
 * given to an {@link HttpRequestHandler}, its body. An upgrade request has none: what follows
 * its head is frames. Immutable.
 */
public final class HttpRequest {
    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final String target;
    private final int versionMajor;
    private final int versionMinor;
    private final HttpHeaders headers;
    private final byte[] body;

    /**
     * A request head. {@code method} must be a token (RFC 9110 §9.1), {@code target} a non-empty
     * request-target of visible ASCII with no fragment (RFC 9112 §3.2), each version digit 0–9;
     * otherwise {@link IllegalArgumentException}.
     *
     * @param method the method, as {@code GET}
     * @param target the request-target, as {@code /chat?room=1}
     * @param versionMajor the major HTTP version, 0 to 9
     * @param versionMinor the minor HTTP version, 0 to 9
     * @param headers the header fields; not {@code null}
     */
    public HttpRequest(String method, String target, int versionMajor, int versionMinor, HttpHeaders headers) {
        if (!HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("method is not an HTTP token: '" + method + "'");
        }
        if (target.isEmpty() || !HttpSyntax.allMatch(target, HttpSyntax::isRequestTargetChar)) {
            throw new IllegalArgumentException("invalid request-target: '" + target + "'");
        }
        if (!isDigit(versionMajor) || !isDigit(versionMinor)) {
            throw new IllegalArgumentException("HTTP version digits out of range: " + versionMajor + "." + versionMinor);
        }
        this.method = method;
        this.target = target;
        this.versionMajor = versionMajor;
        this.versionMinor = versionMinor;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = NO_BODY;
    }

    private HttpRequest(HttpRequest head, byte[] body) {
        this.method = head.method;
        this.target = head.target;
        this.versionMajor = head.versionMajor;
        this.versionMinor = head.versionMinor;
        this.headers = head.headers;
        this.body = body;
    }

    /**
     * This request with {@code body} (copied) as its content.
     *
     * @param body the content; its length should match the request's {@code Content-Length}
     * @return a new request; this one is unchanged
     */
    public HttpRequest withBody(byte[] body) {
        return new HttpRequest(this, body.clone());
    }

    /**
     * The method, case-sensitive (RFC 9110 §9.1): {@code GET}, never {@code get}.
     *
     * @return the method, an HTTP token
     */
    public String method() {
        return method;
    }

    /**
     * The request-target exactly as sent, query included.
     *
     * @return the request-target, visible ASCII, never empty
     */
    public String target() {
        return target;
    }

    /**
     * The path of the target, without its query. For an absolute-form target
     * ({@code http://host/path}, which RFC 9112 §3.2.2 obliges servers to accept) the path part
     * of it, {@code /} when it has none.
     *
     * @return the path, percent-encoded as sent; {@code /} for an absolute-form target without one
     */
    public String path() {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        int scheme = path.indexOf("://");
        if (path.startsWith("/") || scheme < 0) {
            return path;
        }
        int pathStart = path.indexOf('/', scheme + 3);
        return pathStart < 0 ? "/" : path.substring(pathStart);
    }

    /**
     * The query of the target, without the {@code ?}, or {@code null} when it has none.
     *
     * @return the query, or {@code null}
     */
    public String query() {
        int query = target.indexOf('?');
        return query < 0 ? null : target.substring(query + 1);
    }

    /**
     * The major HTTP version: 1 in {@code HTTP/1.1}.
     *
     * @return the major version, 0 to 9
     */
    public int versionMajor() {
        return versionMajor;
    }

    /**
     * The minor HTTP version: 1 in {@code HTTP/1.1}.
     *
     * @return the minor version, 0 to 9
     */
    public int versionMinor() {
        return versionMinor;
    }

    /**
     * The header fields, in the order they came.
     *
     * @return the header fields, never {@code null}
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * A copy of the body, as many bytes as its {@code Content-Length} said; empty when it has none.
     *
     * @return a new array, empty when there is no body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The request head as it goes on the wire, ending with the empty line (RFC 9112 §2.1); never
     * the body.
     *
     * @return a new buffer holding the head in ISO-8859-1, ready to be read
     */
    public ByteBuffer encode() {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(target)
                .append(" HTTP/").append(versionMajor).append('.').append(versionMinor).append("\r\n");
        headers.appendTo(head);
        head.append("\r\n");
        // Header values are checked to stay within ISO-8859-1, so this encoding loses nothing.
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean isDigit(int n) {
        return n >= 0 && n <= 9;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpRequest)) {
            return false;
        }
        HttpRequest other = (HttpRequest) o;
        return method.equals(other.method) && target.equals(other.target)
                && versionMajor == other.versionMajor && versionMinor == other.versionMinor
                && headers.equals(other.headers) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, versionMajor, versionMinor, headers) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        String head = method + " " + target + " HTTP/" + versionMajor + "." + versionMinor + " " + headers;
        return body.length == 0 ? head : head + " (" + body.length + " body bytes)";
    }
}
