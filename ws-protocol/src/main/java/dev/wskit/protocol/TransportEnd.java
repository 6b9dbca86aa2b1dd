package dev.wskit.protocol;

/**
 * How the transport ends the TCP connection, as the engine decided it. Every transport obeys the
 * same answer, so a connection ends the same way whichever one carries it.
 */
public enum TransportEnd {
    /** Keep the connection: the engine has more to say or hear. */
    NONE,
    /**
     * Write everything queued, then half-close (FIN) and read on, discarding, until the peer's own
     * FIN. RFC 6455 §7.1.1: the server closes TCP first, and closing with unread input would make
     * the kernel reset the connection, which may destroy the close frame or HTTP error just sent.
     * The engine bounds the wait by {@link WebSocketConfig#closeTimeout()}, then says
     * {@link #ABORT}.
     */
    GRACEFUL,
    /**
     * Drop everything queued and reset the connection at once (SO_LINGER 0). For a peer declared
     * dead (1006): nothing more is written to it, and nothing it holds us to is kept.
     */
    ABORT
}
