package dev.wskit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.cluster.PresenceEvent.Change;
import dev.wskit.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Cluster} does, on one node: the order of a topic, ids, live joins, resume,
 * the gaps past either history bound, presence. {@link LocalClusterTest} and
 * {@link RedisClusterSemanticsTest} run it, so both implementations keep the same semantics.
 */
abstract class ClusterSemanticsTest {
    private final List<Cluster> nodes = new ArrayList<>();
    /** A topic of this test alone: the Redis tests share one server. */
    private final String topic = "topic-" + UUID.randomUUID();

    /** A node of the implementation under test, keeping {@code history}. */
    protected abstract Cluster start(HistoryBounds history) throws Exception;

    private Cluster node(HistoryBounds history) throws Exception {
        Cluster node = start(history);
        nodes.add(node);
        return node;
    }

    private Cluster node() throws Exception {
        return node(HistoryBounds.DEFAULT);
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(Cluster::close);
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(RedisServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Publishes the payloads one after another without waiting, then returns their ids in order. */
    static List<String> publish(Cluster node, String topic, List<String> payloads) throws Exception {
        List<CompletionStage<String>> stages = payloads.stream().map(payload -> node.publish(topic, "sender", payload)).toList();
        List<String> ids = new ArrayList<>();
        for (CompletionStage<String> stage : stages) {
            ids.add(await(stage));
        }
        return ids;
    }

    static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(String::valueOf).toList();
    }

    @Test
    void everyMemberGetsEveryMessageInPublishOrderWithItsId() throws Exception {
        Cluster node = node();
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        await(node.join(topic, "first", null, first).live());
        await(node.join(topic, "second", null, second).live());

        List<String> ids = publish(node, topic, numbers(0, 200));

        for (RecordingSink sink : List.of(first, second)) {
            List<TopicMessage> got = sink.await(200);
            assertThat(got).extracting(TopicMessage::payload).containsExactlyElementsOf(numbers(0, 200));
            assertThat(got).extracting(TopicMessage::id).containsExactlyElementsOf(ids);
            assertThat(got).allSatisfy(message -> {
                assertThat(message.topic()).isEqualTo(topic);
                assertThat(message.sender()).isEqualTo("sender");
            });
            assertThat(sink.gaps()).isEmpty();
        }
        assertThat(ids).isSortedAccordingTo(StreamIds::compare).doesNotHaveDuplicates();
    }

    @Test
    void aLiveJoinGetsOnlyWhatIsPublishedAfterIt() throws Exception {
        Cluster node = node();
        publish(node, topic, List.of("before"));
        RecordingSink sink = new RecordingSink();
        await(node.join(topic, "member", null, sink).live());

        publish(node, topic, List.of("after"));

        sink.awaitPayload("after");
        assertThat(sink.payloads()).containsExactly("after");
        assertThat(sink.gaps()).isEmpty();
    }

    @Test
    void aResumingMemberGetsExactlyWhatFollowsItsLastIdThenWhatIsPublishedNext() throws Exception {
        Cluster node = node();
        List<String> ids = publish(node, topic, numbers(0, 50));
        RecordingSink sink = new RecordingSink();

        await(node.join(topic, "member", ids.get(19), sink).live());
        publish(node, topic, numbers(50, 60));

        sink.await(40);
        assertThat(sink.payloads()).containsExactlyElementsOf(numbers(20, 60));
        assertThat(sink.gaps()).isEmpty();
    }

    /**
     * The history read and the live reading meet while messages keep coming: the resuming member
     * still gets each message after its id once, in order. A live member on the same node keeps
     * the topic being read throughout.
     */
    @Test
    void aMemberResumingWhileMessagesKeepComingGetsEachOnceInOrder() throws Exception {
        Cluster node = node();
        RecordingSink live = new RecordingSink();
        await(node.join(topic, "live", null, live).live());
        List<CompletionStage<String>> stages = new ArrayList<>();
        Thread publisher = new Thread(() -> numbers(0, 2000).forEach(payload -> {
            CompletionStage<String> stage = node.publish(topic, "sender", payload);
            synchronized (stages) {
                stages.add(stage);
                stages.notifyAll();
            }
        }));
        publisher.start();
        CompletionStage<String> fiveHundredth;
        synchronized (stages) {
            while (stages.size() < 500) {
                stages.wait(RedisServer.WAIT.toMillis());
            }
            fiveHundredth = stages.get(499);
        }
        RecordingSink resuming = new RecordingSink();

        await(node.join(topic, "resuming", await(fiveHundredth), resuming).live());
        publisher.join(RedisServer.WAIT.toMillis());

        resuming.await(1500);
        live.await(2000);
        assertThat(resuming.payloads()).containsExactlyElementsOf(numbers(500, 2000));
        assertThat(resuming.gaps()).isEmpty();
        assertThat(live.payloads()).containsExactlyElementsOf(numbers(0, 2000));
    }

    @Test
    void resumingFromTheStartGetsTheWholeHistoryWithoutAGap() throws Exception {
        Cluster node = node();
        publish(node, topic, numbers(0, 30));
        RecordingSink sink = new RecordingSink();

        await(node.join(topic, "member", StreamIds.ZERO, sink).live());

        sink.await(30);
        assertThat(sink.payloads()).containsExactlyElementsOf(numbers(0, 30));
        assertThat(sink.gaps()).isEmpty();
    }

    @Test
    void resumingFromBeyondTheCountBoundIsToldOfTheGapThenGetsTheRestInOrder() throws Exception {
        Cluster node = node(new HistoryBounds(10, Duration.ofHours(1)));
        List<String> ids = publish(node, topic, numbers(0, 500));
        RecordingSink sink = new RecordingSink();

        await(node.join(topic, "member", ids.get(0), sink).live());
        publish(node, topic, List.of("next"));

        sink.awaitPayload("next");
        assertThat(sink.gaps()).containsExactly(ids.get(0));
        assertThat(sink.events().get(0)).isEqualTo("gap after " + ids.get(0));
        List<String> got = sink.payloads();
        // At least the bound is kept (Redis trims whole stream nodes, so it may keep more), and
        // what is kept is the end of the topic, without a hole.
        assertThat(got.size() - 1).isBetween(10, 499);
        int first = Integer.parseInt(got.get(0));
        assertThat(got).containsExactlyElementsOf(concat(numbers(first, 500), List.of("next")));
    }

    @Test
    void resumingFromBeyondTheAgeBoundIsToldOfTheGap() throws Exception {
        Cluster node = node(new HistoryBounds(100_000, Duration.ofMillis(500)));
        // Enough for Redis's approximate trim, which drops whole stream nodes of 100 entries.
        List<String> ids = publish(node, topic, numbers(0, 300));
        TimeUnit.MILLISECONDS.sleep(1000);
        publish(node, topic, List.of("fresh"));
        RecordingSink sink = new RecordingSink();

        await(node.join(topic, "member", ids.get(0), sink).live());

        sink.awaitPayload("fresh");
        assertThat(sink.gaps()).containsExactly(ids.get(0));
        assertThat(sink.payloads()).doesNotContain("1").endsWith("fresh");
    }

    @Test
    void presenceNamesTheMembersAndItsListenerHearsThemJoinAndLeave() throws Exception {
        Cluster node = node();
        RecordingPresence heard = new RecordingPresence();
        await(node.watchPresence(topic, heard).live());

        Membership ada = node.join(topic, "ada", null, new RecordingSink());
        Membership bob = node.join(topic, "bob", null, new RecordingSink());
        await(ada.live());
        await(bob.live());

        assertThat(await(node.presence(topic))).containsExactlyInAnyOrder("ada", "bob");
        heard.await(new PresenceEvent(topic, "ada", Change.JOINED));
        heard.await(new PresenceEvent(topic, "bob", Change.JOINED));

        ada.close();
        heard.await(new PresenceEvent(topic, "ada", Change.LEFT));
        assertThat(await(node.presence(topic))).isEqualTo(Set.of("bob"));
        assertThat(heard.events()).doesNotContain(new PresenceEvent(topic, "bob", Change.LEFT));
    }

    @Test
    void aMemberThatLeftGetsNothingMore() throws Exception {
        Cluster node = node();
        RecordingSink gone = new RecordingSink();
        RecordingSink stays = new RecordingSink();
        Membership leaving = node.join(topic, "gone", null, gone);
        await(leaving.live());
        await(node.join(topic, "stays", null, stays).live());
        publish(node, topic, List.of("one"));
        gone.awaitPayload("one");

        leaving.close();
        publish(node, topic, List.of("two"));

        stays.awaitPayload("two");
        assertThat(gone.payloads()).containsExactly("one");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
