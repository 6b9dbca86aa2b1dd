package dev.wskit.protocol.handshake;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked {@code ws} or {@code wss} URI (RFC 6455 §3) and what a client derives from it: where
 * to connect, whether over TLS, the {@code Host} header and the request-target. Transports use
 * it to open the connection, {@link ClientHandshake} to write the request. Immutable.
 */
public final class WebSocketUri {
    private static final int WS_PORT = 80;
    private static final int WSS_PORT = 443;

    private final boolean secure;
    private final String host;
    private final int port;
    private final String requestTarget;

    private WebSocketUri(boolean secure, String host, int port, String requestTarget) {
        this.secure = secure;
        this.host = host;
        this.port = port;
        this.requestTarget = requestTarget;
    }

    /**
     * Checks {@code uri} against RFC 6455 §3: an absolute {@code ws:} or {@code wss:} URI (scheme
     * case-insensitive), with a host, without user information, without a fragment.
     *
     * @param uri the URI to check
     * @return the checked URI, its parts ready for the connect and the request
     * @throws IllegalArgumentException naming the rule {@code uri} breaks
     */
    public static WebSocketUri of(URI uri) {
        Objects.requireNonNull(uri, "uri");
        // Non-ASCII characters are percent-encoded so the request-target is pure ASCII.
        URI ascii = URI.create(uri.toASCIIString());
        String scheme = ascii.getScheme() == null ? "" : ascii.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("not a ws or wss URI: " + uri);
        }
        // RFC 6455 §3: "Fragment identifiers are meaningless in the context of WebSocket URIs".
        if (ascii.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no fragment: " + uri);
        }
        if (ascii.getHost() == null) {
            throw new IllegalArgumentException("a WebSocket URI needs a host: " + uri);
        }
        // RFC 6455 §3: ws-URI = "ws:" "//" host [ ":" port ] path [ "?" query ], no userinfo.
        if (ascii.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no user information: " + uri);
        }
        boolean secure = scheme.equals("wss");
        int port = ascii.getPort() == -1 ? defaultPort(secure) : ascii.getPort();
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        return new WebSocketUri(secure, unbracketed(ascii.getHost()), port, target);
    }

    /**
     * Whether the connection runs over TLS ({@code wss}).
     *
     * @return {@code true} for {@code wss}, {@code false} for {@code ws}
     */
    public boolean isSecure() {
        return secure;
    }

    /**
     * The host to connect to; an IPv6 literal without its brackets.
     *
     * @return the host, never {@code null} or empty
     */
    public String host() {
        return host;
    }

    /**
     * The port to connect to: the URI's, or 80 for {@code ws} and 443 for {@code wss}.
     *
     * @return the port, 0 to 65535
     */
    public int port() {
        return port;
    }

    /**
     * The name a {@code wss} client sends in TLS's {@code server_name} extension: the host, or
     * nothing when the host is an IP address, which SNI never carries (RFC 6066 §3).
     *
     * @return the SNI host name, or empty for an IP address
     */
    public Optional<String> serverName() {
        return IpLiteral.matches(host) ? Optional.empty() : Optional.of(host);
    }

    /**
     * RFC 6455 §4.1 item 4: the host, an IPv6 literal in brackets (RFC 3986 §3.2.2), with
     * {@code :port} only when the port is not the scheme's default.
     *
     * @return the {@code Host} header value
     */
    public String hostHeader() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(secure) ? name : name + ":" + port;
    }

    /**
     * RFC 6455 §3: the resource name, the path ({@code /} when empty) and {@code ?query}.
     *
     * @return the request-target, starting with {@code /}
     */
    public String requestTarget() {
        return requestTarget;
    }

    private static int defaultPort(boolean secure) {
        return secure ? WSS_PORT : WS_PORT;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return (secure ? "wss://" : "ws://") + hostHeader() + requestTarget;
    }
}
