package dev.wskit.cluster;

import static dev.wskit.cluster.ClusterSemanticsTest.await;
import static dev.wskit.cluster.ClusterSemanticsTest.numbers;
import static dev.wskit.cluster.ClusterSemanticsTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.cluster.PresenceEvent.Change;
import dev.wskit.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several {@link RedisCluster} nodes in one JVM, against a real redis-server of their own:
 * fan-out to every member of every node, resume on another node after a node died, presence
 * across nodes and the expiry of a dead node's members, and Redis killed and restarted under
 * them. Presence runs on short intervals here; no case measures speed, every wait is generous.
 */
class RedisClusterTest {
    private static final String TOPIC = "room";
    private static final Duration HEARTBEAT = Duration.ofMillis(100);
    private static final Duration EXPIRY = Duration.ofMillis(600);

    private final List<RedisCluster> nodes = new ArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(RedisCluster::close);
        if (redis != null) {
            redis.close();
        }
    }

    private RedisCluster node() {
        return node(new RecordingListener(), 10_000);
    }

    private RedisCluster node(ClusterListener listener, int offlineLimit) {
        RedisCluster node = RedisCluster.builder(redis.uri())
                .presence(HEARTBEAT, EXPIRY)
                .commandTimeout(Duration.ofSeconds(2))
                .offlineLimit(offlineLimit)
                .listener(listener)
                .connect();
        nodes.add(node);
        return node;
    }

    @Test
    void aThousandMessagesFromEachOfThreeNodesReachEveryMemberOnEveryNodeOnceInEachSendersOrder() throws Exception {
        List<RedisCluster> three = List.of(node(), node(), node());
        List<RecordingSink> sinks = new ArrayList<>();
        for (int n = 0; n < three.size(); n++) {
            for (int m = 0; m < 2; m++) {
                RecordingSink sink = new RecordingSink();
                sinks.add(sink);
                await(three.get(n).join(TOPIC, "member-" + n + "-" + m, null, sink).live());
            }
        }

        ExecutorService senders = Executors.newFixedThreadPool(three.size());
        try {
            List<Future<List<String>>> sent = new ArrayList<>();
            for (int n = 0; n < three.size(); n++) {
                RedisCluster node = three.get(n);
                String sender = "node-" + n;
                sent.add(senders.submit(() -> {
                    List<CompletionStage<String>> stages = new ArrayList<>();
                    for (int i = 0; i < 1000; i++) {
                        stages.add(node.publish(TOPIC, sender, String.valueOf(i)));
                    }
                    List<String> ids = new ArrayList<>();
                    for (CompletionStage<String> stage : stages) {
                        ids.add(await(stage));
                    }
                    return ids;
                }));
            }
            for (Future<List<String>> ids : sent) {
                assertThat(ids.get(RedisServer.WAIT.toMillis(), TimeUnit.MILLISECONDS)).hasSize(1000);
            }
        } finally {
            senders.shutdownNow();
        }

        for (RecordingSink sink : sinks) {
            List<TopicMessage> got = sink.await(3000);
            assertThat(got).hasSize(3000);
            assertThat(got).extracting(TopicMessage::id).isSortedAccordingTo(StreamIds::compare).doesNotHaveDuplicates();
            Map<String, List<String>> bySender = new HashMap<>();
            got.forEach(message -> bySender.computeIfAbsent(message.sender(), key -> new ArrayList<>()).add(message.payload()));
            assertThat(bySender).containsOnlyKeys("node-0", "node-1", "node-2");
            bySender.values().forEach(payloads -> assertThat(payloads).containsExactlyElementsOf(numbers(0, 1000)));
            assertThat(sink.gaps()).isEmpty();
        }
    }

    @Test
    void aMemberWhoseNodeDiedResumesOnAnotherNodeWithExactlyWhatItMissedThenWhatFollows() throws Exception {
        RedisCluster dies = node();
        RedisCluster publisher = node();
        RedisCluster survivor = node();
        RecordingSink before = new RecordingSink();
        await(dies.join(TOPIC, "ann", null, before).live());
        publish(publisher, TOPIC, numbers(0, 100));
        String lastId = before.await(100).get(99).id();

        dies.close();
        publish(publisher, TOPIC, numbers(100, 200));
        RecordingSink after = new RecordingSink();
        await(survivor.join(TOPIC, "ann", lastId, after).live());
        publish(publisher, TOPIC, numbers(200, 210));

        after.await(110);
        assertThat(after.payloads()).containsExactlyElementsOf(numbers(100, 210));
        assertThat(after.gaps()).isEmpty();
        assertThat(before.payloads()).containsExactlyElementsOf(numbers(0, 100));
    }

    @Test
    void presenceSpansTheNodesAndADeadNodesMembersExpire() throws Exception {
        RedisCluster dies = node();
        RedisCluster lives = node();
        RedisCluster watcher = node();
        RecordingPresence heard = new RecordingPresence();
        await(watcher.watchPresence(TOPIC, heard).live());

        await(dies.join(TOPIC, "ann", null, new RecordingSink()).live());
        await(lives.join(TOPIC, "ben", null, new RecordingSink()).live());
        heard.await(new PresenceEvent(TOPIC, "ann", Change.JOINED));
        heard.await(new PresenceEvent(TOPIC, "ben", Change.JOINED));
        assertThat(await(watcher.presence(TOPIC))).containsExactlyInAnyOrder("ann", "ben");

        dies.close();

        // Within the expiry and a heartbeat of a node following the topic; waited for generously.
        heard.await(new PresenceEvent(TOPIC, "ann", Change.LEFT));
        assertThat(await(watcher.presence(TOPIC))).isEqualTo(Set.of("ben"));
        // The living node's heartbeat keeps its member present, well past an expiry.
        TimeUnit.MILLISECONDS.sleep(EXPIRY.multipliedBy(3).toMillis());
        assertThat(await(watcher.presence(TOPIC))).isEqualTo(Set.of("ben"));
        assertThat(heard.events()).doesNotContain(new PresenceEvent(TOPIC, "ben", Change.LEFT));
    }

    @Test
    void whileRedisIsDownEachNodeServesItsOwnMembersAndAfterItIsBackDeliveryAcrossNodesResumes() throws Exception {
        RecordingListener firstHears = new RecordingListener();
        RecordingListener secondHears = new RecordingListener();
        RedisCluster first = node(firstHears, 10_000);
        RedisCluster second = node(secondHears, 10_000);
        RecordingSink onFirst = new RecordingSink();
        RecordingSink onSecond = new RecordingSink();
        await(first.join(TOPIC, "ann", null, onFirst).live());
        await(second.join(TOPIC, "ben", null, onSecond).live());
        publish(first, TOPIC, List.of("before"));
        onSecond.awaitPayload("before");

        redis.kill();
        firstHears.await(ClusterState.DOWN, 1);
        secondHears.await(ClusterState.DOWN, 1);
        CompletionStage<String> kept = first.publish(TOPIC, "ann", "while down");

        TopicMessage local = onFirst.awaitPayload("while down").get(1);
        assertThat(local.id()).as("no id before Redis has it").isNull();
        assertThat(first.state()).isEqualTo(ClusterState.DOWN);

        redis.restart();
        firstHears.await(ClusterState.UP, 1);
        secondHears.await(ClusterState.UP, 1);
        assertThat(await(kept)).as("the kept publish is written once Redis is back").isNotNull();
        publish(second, TOPIC, List.of("after"));

        onSecond.awaitPayload("after");
        onFirst.awaitPayload("after");
        assertThat(onSecond.payloads()).containsExactly("before", "while down", "after");
        assertThat(onFirst.payloads()).containsExactly("before", "while down", "after");
        assertThat(firstHears.states()).containsExactly(ClusterState.DOWN, ClusterState.UP);
        assertThat(secondHears.states()).containsExactly(ClusterState.DOWN, ClusterState.UP);
        // Redis kept nothing on disk: the members are told that history was lost.
        assertThat(onSecond.gaps()).isNotEmpty();
    }

    @Test
    void whileRedisIsDownANodeKeepsItsBoundOfPublishesAndSaysHowManyItDropped() throws Exception {
        RecordingListener hears = new RecordingListener();
        RedisCluster first = node(hears, 3);
        RedisCluster second = node();
        RecordingSink onSecond = new RecordingSink();
        await(second.join(TOPIC, "ben", null, onSecond).live());

        redis.kill();
        hears.await(ClusterState.DOWN, 1);
        List<CompletionStage<String>> stages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stages.add(first.publish(TOPIC, "ann", String.valueOf(i)));
        }

        hears.awaitDropped(2);
        for (CompletionStage<String> dropped : stages.subList(0, 2)) {
            assertThatThrownBy(() -> await(dropped)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ClusterDownException.class);
        }
        redis.restart();
        for (CompletionStage<String> written : stages.subList(2, 5)) {
            assertThat(await(written)).isNotNull();
        }
        onSecond.await(3);
        assertThat(onSecond.payloads()).containsExactly("2", "3", "4");
        assertThat(hears.states()).containsExactly(ClusterState.DOWN, ClusterState.UP);
    }
}
