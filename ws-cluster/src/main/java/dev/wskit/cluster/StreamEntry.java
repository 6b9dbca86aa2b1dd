package dev.wskit.cluster;

/**
 * A message as a topic's history keeps it. {@code previous} is the id of the message before it
 * in the history when it was added ({@link StreamIds#ZERO} for the first): a reader whose last
 * id is not that one has missed something, trimmed or lost. That is how every gap is found,
 * exactly, on both implementations. {@code origin} is the node that published it, and
 * {@code deliveredLocally} says that node delivered it to its own members while Redis was down.
 */
record StreamEntry(String id, String previous, String sender, String payload, String origin, boolean deliveredLocally) {

    TopicMessage message(String topic) {
        return new TopicMessage(topic, id, sender, payload);
    }
}
