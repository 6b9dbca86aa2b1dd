package dev.wskit.protocol.engine;

/**
 * A {@code WebSocket} that can queue a {@link PreparedMessage}'s shared bytes: the engine's own
 * and every transport's. Applications call {@link PreparedMessage#sendTo}, which finds out.
 */
public interface PreparedSink {
    /**
     * Queues {@code message}, sharing its encoded bytes where the connection allows it.
     *
     * @param message the message to queue; not {@code null}
     * @return false when the connection is not open, as a send would
     * @throws IllegalStateException while a message is being sent in pieces (RFC 6455 §5.4)
     */
    boolean sendPrepared(PreparedMessage message);
}
