package dev.wskit.cluster;

import dev.wskit.protocol.engine.PreparedMessage;
import java.util.Objects;
import java.util.function.Function;

/**
 * A topic's messages as the text its members' sockets get, each encoded once for all of this
 * node's members ({@link PreparedMessage}): a node hands its members the same message one after
 * the other, so the message last rendered is the one asked for again, and every member's
 * connection queues the same frame bytes. Share one per topic between the members' sinks (see
 * {@link TopicSink#sendingTo(dev.wskit.protocol.WebSocket, SharedRendering, Function)}).
 *
 * <p>Safe for any thread: two threads rendering the same message at once both get equal bytes. A
 * message without an id (delivered while Redis is down) is rendered for each member.
 */
public final class SharedRendering {
    private final Function<TopicMessage, String> render;
    /** The message last rendered, by topic and id. */
    private volatile Rendered last;

    private record Rendered(String topic, String id, PreparedMessage message) {
    }

    /**
     * A rendering by {@code render}.
     *
     * @param render the text a member's socket gets for a message, the same for every member
     */
    public SharedRendering(Function<TopicMessage, String> render) {
        this.render = Objects.requireNonNull(render, "render");
    }

    /**
     * {@code message} rendered and prepared, once for every member that gets it.
     *
     * @param message a message a node delivers to its members
     * @return the text message to send each of them
     * @throws IllegalArgumentException when the rendered text is not well-formed UTF-16
     */
    public PreparedMessage of(TopicMessage message) {
        Rendered seen = last;
        if (message.id() != null && seen != null && seen.id().equals(message.id()) && seen.topic().equals(message.topic())) {
            return seen.message();
        }
        PreparedMessage prepared = PreparedMessage.text(render.apply(message));
        if (message.id() != null) {
            last = new Rendered(message.topic(), message.id(), prepared);
        }
        return prepared;
    }
}
