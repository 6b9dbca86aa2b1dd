package dev.wskit.protocol;

/** The life of a connection (RFC 6455 §4 and §7): the engine moves only forward through these. */
public enum ConnectionState {
    /** The opening handshake is in progress. */
    CONNECTING,
    /** The handshake succeeded; data frames flow both ways. */
    OPEN,
    /** A close frame was sent or received, and the other one is awaited. */
    CLOSING,
    /** Both close frames were exchanged, or the connection failed; nothing more is sent. */
    CLOSED
}
