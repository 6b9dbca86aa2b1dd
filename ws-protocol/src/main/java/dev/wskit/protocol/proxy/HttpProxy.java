package dev.wskit.protocol.proxy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy a client reaches its server through, with {@code CONNECT} (RFC 9110 §9.3.6):
 * where it listens and, optionally, the user and password of Basic authentication (RFC 7617).
 * Checked when made. Immutable; {@link #toString()} never shows the password.
 */
public final class HttpProxy {
    private static final int MAX_PORT = 65_535;

    private final String host;
    private final int port;
    private final Credentials credentials;

    /** Basic authentication's two parts (RFC 7617 §2), checked by {@link #withCredentials}. */
    private record Credentials(String user, String password) {
    }

    private HttpProxy(String host, int port, Credentials credentials) {
        this.host = host;
        this.port = port;
        this.credentials = credentials;
    }

    /**
     * A proxy at {@code host} and {@code port}, without authentication.
     *
     * @param host a name or an address; an IPv6 literal with or without its brackets
     * @param port the proxy's port, 1 to 65535
     * @return the proxy, without credentials
     * @throws IllegalArgumentException for an empty host, a host with a space or a control
     *     character, or a port outside 1–65535
     */
    public static HttpProxy of(String host, int port) {
        Objects.requireNonNull(host, "host");
        String unbracketed = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (unbracketed.isEmpty()) {
            throw new IllegalArgumentException("proxy host must not be empty");
        }
        if (unbracketed.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '/' || c == '@')) {
            throw new IllegalArgumentException("proxy host holds a space, a control character, '/' or '@': " + host);
        }
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException("proxy port out of range 1-" + MAX_PORT + ": " + port);
        }
        return new HttpProxy(unbracketed, port, null);
    }

    /**
     * A proxy from {@code http://[user:password@]host:port}: the scheme {@code http} (the client
     * talks plain HTTP to the proxy; a {@code wss} connection is encrypted inside the tunnel), the
     * port required, nothing after it but an optional {@code /}. User and password are
     * percent-decoded.
     *
     * @param uri the proxy's URI, as {@code http://proxy.example:3128}
     * @return the proxy, with credentials when the URI has user information
     * @throws IllegalArgumentException naming what is wrong with {@code uri}
     */
    public static HttpProxy parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a proxy URI (http://[user:password@]host:port): " + redacted(uri), e);
        }
        if (parsed.getScheme() == null || !parsed.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
            throw new IllegalArgumentException("a proxy URI starts with http://: " + redacted(uri));
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("a proxy URI needs a host: " + redacted(uri));
        }
        if (parsed.getPort() == -1) {
            throw new IllegalArgumentException("a proxy URI needs a port: " + redacted(uri));
        }
        boolean noPath = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() || parsed.getRawPath().equals("/");
        if (!noPath || parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("a proxy URI has nothing after host:port: " + redacted(uri));
        }
        HttpProxy proxy = of(parsed.getHost(), parsed.getPort());
        String userInfo = parsed.getUserInfo();
        if (userInfo == null) {
            return proxy;
        }
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a proxy URI with a user needs a password too (user:password@): "
                    + redacted(uri));
        }
        return proxy.withCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    /**
     * This proxy with Basic authentication (RFC 7617): every {@code CONNECT} carries
     * {@code Proxy-Authorization: Basic} with {@code user} and {@code password}, UTF-8 encoded.
     *
     * @param user the user name; not empty, no colon
     * @param password the password, maybe empty
     * @return a new proxy with these credentials; this one is unchanged
     * @throws IllegalArgumentException for an empty user, a user with a colon, or a control
     *     character in either (RFC 7617 §2)
     */
    public HttpProxy withCredentials(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("proxy user must not be empty");
        }
        // RFC 7617 §2: the user-id cannot contain a colon, and neither part a control character.
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("proxy user must not contain a colon (RFC 7617 §2)");
        }
        if (hasControlCharacter(user) || hasControlCharacter(password)) {
            throw new IllegalArgumentException("proxy user and password must not contain control characters (RFC 7617 §2)");
        }
        return new HttpProxy(host, port, new Credentials(user, password));
    }

    /**
     * The host; an IPv6 literal without its brackets.
     *
     * @return the host, never empty
     */
    public String host() {
        return host;
    }

    /**
     * The proxy's port.
     *
     * @return the port, 1 to 65535
     */
    public int port() {
        return port;
    }

    /**
     * The user of Basic authentication, if any.
     *
     * @return the user, or empty without credentials
     */
    public Optional<String> user() {
        return Optional.ofNullable(credentials).map(Credentials::user);
    }

    /**
     * {@code host:port}, an IPv6 literal in brackets: how errors name this proxy.
     *
     * @return the authority, as {@code proxy.example:3128} or {@code [2001:db8::1]:3128}
     */
    public String address() {
        return authority(host, port);
    }

    /** The value of {@code Proxy-Authorization}, if this proxy has credentials (RFC 7617 §2). */
    Optional<String> authorization() {
        if (credentials == null) {
            return Optional.empty();
        }
        byte[] pass = (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pass));
    }

    /** RFC 9112 §3.2.3 (authority-form) and RFC 3986 §3.2.2: {@code host:port}, IPv6 in brackets. */
    static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static boolean hasControlCharacter(String s) {
        return s.chars().anyMatch(c -> c < ' ' || c == 0x7f);
    }

    /** The URI for an error message, its user information left out: it may hold the password. */
    private static String redacted(String uri) {
        int at = uri.lastIndexOf('@');
        int schemeEnd = uri.indexOf("://");
        return at < 0 || schemeEnd < 0 || at < schemeEnd ? uri : uri.substring(0, schemeEnd + 3) + "…@" + uri.substring(at + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpProxy other && host.equals(other.host) && port == other.port
                && Objects.equals(credentials, other.credentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, credentials);
    }

    /** {@code http://[user@]host:port}, the password never shown. */
    @Override
    public String toString() {
        return "http://" + (credentials == null ? "" : credentials.user() + ":…@") + address();
    }
}
