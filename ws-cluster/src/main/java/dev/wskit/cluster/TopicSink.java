package dev.wskit.cluster;

import dev.wskit.protocol.WebSocket;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a member's messages go. Called on the node's delivery thread, one call at a time, which it
 * must not block.
 */
public interface TopicSink {

    /**
     * The next message of the topic.
     *
     * @param message the message, with its id
     */
    void deliver(TopicMessage message);

    /**
     * Messages of {@code topic} after {@code lastId} (the last message this member got, or the id
     * it resumed from) are lost to it: trimmed from the history, or lost with Redis's data. The
     * next {@link #deliver} is the first message after the gap.
     *
     * @param topic the topic the messages were lost from
     * @param lastId the id of the last message the member got, or the id it resumed from
     */
    void missed(String topic, String lastId);

    /**
     * A sink that sends each message to {@code socket} as the text {@code render} makes of it, and
     * a gap as the text {@code gapNotice} makes of the last id before it. The socket's sends
     * queue and never block, on every transport; a closed socket refuses them, and the
     * application leaves the membership when the socket closes.
     *
     * @param socket the member's connection
     * @param render makes the text of a message
     * @param gapNotice makes the text telling of a gap from the last id before it
     * @return the sink, to give {@link Cluster#join}
     */
    static TopicSink sendingTo(WebSocket socket, Function<TopicMessage, String> render, Function<String, String> gapNotice) {
        return sendingTo(socket, new SharedRendering(render), gapNotice);
    }

    /**
     * {@link #sendingTo(WebSocket, Function, Function)} with a rendering shared by every member
     * of the topic on this node: each message is encoded once for all of them, and each member's
     * connection queues the same frame bytes.
     *
     * @param socket the member's connection
     * @param rendering the topic's rendering, the same for each of its members here
     * @param gapNotice makes the text telling of a gap from the last id before it
     * @return the sink, to give {@link Cluster#join}
     */
    static TopicSink sendingTo(WebSocket socket, SharedRendering rendering, Function<String, String> gapNotice) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(rendering, "rendering");
        Objects.requireNonNull(gapNotice, "gapNotice");
        return new TopicSink() {
            @Override
            public void deliver(TopicMessage message) {
                rendering.of(message).sendTo(socket);
            }

            @Override
            public void missed(String topic, String lastId) {
                socket.sendText(gapNotice.apply(lastId));
            }
        };
    }
}
