package dev.wskit.cluster;

/**
 * One member's feed on its node: the last id it got, and whether it is live or still being handed
 * what it resumed. Touched on the delivery thread only.
 */
final class MemberFeed {
    private final String topic;
    private final String member;
    private final TopicSink sink;
    private final ClusterListener listener;
    /** The last message it got, or {@code null} before the first of a live-only join. */
    private String lastId;
    private boolean live;
    private boolean left;

    MemberFeed(String topic, String member, String afterId, TopicSink sink, ClusterListener listener) {
        this.topic = topic;
        this.member = member;
        this.lastId = afterId;
        this.sink = sink;
        this.listener = listener;
    }

    String topic() {
        return topic;
    }

    String member() {
        return member;
    }

    boolean isLive() {
        return live && !left;
    }

    /**
     * Live from here: a live-only member counts from {@code lastIdRead}, the last message its node
     * had read of the topic, so a gap after it is noticed too.
     */
    void goLive(String lastIdRead) {
        if (lastId == null) {
            lastId = lastIdRead;
        }
        live = true;
    }

    void leave() {
        left = true;
    }

    /**
     * Hands {@code entry} over unless the member already had it; says first if something was lost
     * before it. With {@code deliver} false the member only moves past it: its own node already
     * delivered it while Redis was down.
     */
    void offer(StreamEntry entry, boolean deliver) {
        if (left || (lastId != null && StreamIds.compare(entry.id(), lastId) <= 0)) {
            return;
        }
        if (lastId != null && !entry.previous().equals(lastId)) {
            call(() -> sink.missed(topic, lastId));
        }
        lastId = entry.id();
        if (deliver) {
            call(() -> sink.deliver(entry.message(topic)));
        }
    }

    /** A message published on this node while Redis is down, delivered before it has an id. */
    void offerUnwritten(TopicMessage message) {
        if (isLive()) {
            call(() -> sink.deliver(message));
        }
    }

    private void call(Runnable sinkCall) {
        try {
            sinkCall.run();
        } catch (RuntimeException e) {
            listener.callbackFailed(topic, member, e);
        }
    }
}
