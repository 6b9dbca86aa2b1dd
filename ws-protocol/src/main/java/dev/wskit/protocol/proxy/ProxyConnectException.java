package dev.wskit.protocol.proxy;

import java.io.IOException;

/**
 * The proxy did not open the tunnel: it refused the {@code CONNECT} (any status but 2xx, e.g.
 * 407 for missing or wrong credentials), or gave no valid answer (it closed, sent something that
 * is not an HTTP response head, sent bytes after its 2xx head, or did not answer in time), which
 * {@link #status()} reports as {@link #NO_STATUS}. Every wskit client fails its connect with this.
 */
public final class ProxyConnectException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The status when the proxy gave no valid answer. */
    public static final int NO_STATUS = -1;

    /** The proxy's {@code host:port}. */
    private final String proxy;
    /** The status code of the proxy's answer, or {@link #NO_STATUS}. */
    private final int status;

    /**
     * A failed {@code CONNECT} exchange with an HTTP proxy.
     *
     * @param proxy the proxy's {@code host:port}
     * @param status the proxy's status code, or {@link #NO_STATUS}
     * @param detail what happened, for the message
     * @param cause the failure behind it (an I/O error, say), or {@code null}
     */
    public ProxyConnectException(String proxy, int status, String detail, Throwable cause) {
        super("proxy " + proxy + " (status " + status + "): " + detail, cause);
        this.proxy = proxy;
        this.status = status;
    }

    /**
     * The proxy's {@code host:port}.
     *
     * @return the proxy's address, never {@code null}
     */
    public String proxy() {
        return proxy;
    }

    /**
     * The status code of the proxy's answer, or {@link #NO_STATUS} when it gave no valid one.
     *
     * @return the status code, or {@link #NO_STATUS}
     */
    public int status() {
        return status;
    }
}
