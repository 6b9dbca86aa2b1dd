package dev.wskit.protocol.engine;

/**
 * A {@code WebSocket} that can hand over the message it is delivering and send a kept one without
 * a copy: the engine's own and every transport's. Applications use {@link KeptMessage#take} and
 * {@link KeptMessage#forwardTo}, which find out.
 */
public interface MessageKeeper {
    /**
     * Takes over the message being delivered to {@code onText} or {@code onBinary}; see
     * {@link KeptMessage#take}.
     *
     * @return the message, owned by the caller
     * @throws IllegalStateException outside those calls, or when the message was taken already
     */
    KeptMessage keepMessage();

    /**
     * Sends {@code message} as one whole message of its kind, taking it over; see
     * {@link KeptMessage#forwardTo}.
     *
     * @param message a message not yet released or forwarded
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed (the message is released)
     */
    boolean forward(KeptMessage message);
}
