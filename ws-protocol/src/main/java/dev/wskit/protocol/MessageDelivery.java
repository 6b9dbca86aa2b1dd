package dev.wskit.protocol;

/** How data messages reach the handler. */
public enum MessageDelivery {
    /**
     * Reassembled whole, bounded by {@link WebSocketConfig#maxMessageSize()}:
     * {@link WebSocketHandler#onText} and {@link WebSocketHandler#onBinary}.
     */
    WHOLE,
    /**
     * As the frames arrive, piece by piece, so a message of any size streams through a fixed
     * amount of memory: {@link WebSocketHandler#onTextFragment} and
     * {@link WebSocketHandler#onBinaryFragment}. Text pieces are validated UTF-8 so far, but a
     * piece may end inside a character.
     */
    FRAGMENTS
}
