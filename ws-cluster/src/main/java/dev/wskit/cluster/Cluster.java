package dev.wskit.cluster;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Topics that members join and leave, shared by every node of a cluster. A message published to
 * a topic on any node reaches every member of that topic on every node, through its
 * {@link TopicSink}, in the topic's one order; its id names its place in that order, and a
 * member that joins again with the id of the last message it got gets what it missed, then the
 * messages that follow.
 *
 * <p>Sinks and listeners are called on the node's one delivery thread, in order, and must not
 * block it: hand slow work to another thread. Implementations: {@link LocalCluster} (one node, in
 * memory) and {@link RedisCluster} (any number of nodes, through Redis).
 */
public interface Cluster extends AutoCloseable {

    /**
     * Adds a member named {@code member} to {@code topic}. With {@code afterId} {@code null} the
     * member gets the messages that follow; with the id of a message it gets every message after
     * that one still in the topic's history first, then those that follow, in order, each once.
     * When messages after {@code afterId} are no longer in the history, the sink is told
     * ({@link TopicSink#missed}) before the first message it gets after the gap.
     *
     * @param topic the topic's name
     * @param member the member's name, as presence lists it
     * @param afterId the id of the last message the member got, to resume after it, or {@code null}
     *     to start with the next message published
     * @param sink gets the member's messages and gaps, on the node's delivery thread
     * @return the membership; closing it leaves the topic
     */
    Membership join(String topic, String member, String afterId, TopicSink sink);

    /**
     * Publishes {@code message} to {@code topic} from {@code sender} ({@code null}: no one named).
     *
     * @param topic the topic's name
     * @param sender who publishes, as {@link TopicMessage#sender()} reports it, or {@code null}
     * @param message the payload, as {@link TopicMessage#payload()} delivers it; not {@code null}
     * @return completes with the message's id ({@code <ms>-<seq>}) once it holds its place in the
     *     topic's order, or fails when it could not be published
     */
    CompletionStage<String> publish(String topic, String sender, String message);

    /**
     * Publishes {@code message} to {@code topic} with no sender; the stage completes with its id.
     *
     * @param topic the topic's name
     * @param message the payload, as {@link TopicMessage#payload()} delivers it; not {@code null}
     * @return completes with the message's id once it holds its place in the topic's order
     */
    default CompletionStage<String> publish(String topic, String message) {
        return publish(topic, null, message);
    }

    /**
     * The names of the members present in {@code topic}, on every node.
     *
     * @param topic the topic's name
     * @return completes with the members' names, an empty set when the topic has none
     */
    CompletionStage<Set<String>> presence(String topic);

    /**
     * Tells {@code listener} of each member that joins or leaves {@code topic} on any node, from
     * when the subscription is {@linkplain Subscription#live() live} until it is closed.
     *
     * @param topic the topic's name
     * @param listener told of each join and leave, on the node's delivery thread
     * @return the subscription; closing it stops the events
     */
    Subscription watchPresence(String topic, PresenceListener listener);

    /**
     * Stops this node: its sinks and listeners hear no more. Its members are not left: to the
     * other nodes the node is gone as if it had died (see the implementation for how soon).
     */
    @Override
    void close();
}
