package dev.wskit.protocol;

/**
 * A change of flow control that a {@link ConnectionListener} hears of, decided by the bytes a
 * connection holds unwritten (see {@link WebSocketConfig#outboundHighWaterMark()}).
 */
public enum Backpressure {
    /** Past the high-water mark: the connection is not writable, and the transport stops reading from the peer. */
    PAUSED,
    /** Back at the low-water mark: writable again, and the handler is told {@code onDrain}. */
    DRAINED,
    /**
     * Past {@link WebSocketConfig#maxOutboundBytes()}: the peer does not read and is dropped
     * ({@code 1006}); {@link ProtocolViolation#OUTBOUND_LIMIT_EXCEEDED} follows.
     */
    DROPPED
}
