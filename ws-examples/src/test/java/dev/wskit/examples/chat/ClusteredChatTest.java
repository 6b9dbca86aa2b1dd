package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.RunningApp;
import dev.wskit.testkit.RedisServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chat as several nodes of one room, each {@code chat --cluster redis://…} on its own
 * transport, sharing a real redis-server, with the JDK's WebSocket client as every member: members
 * on different nodes hear each other and see the same people present; a member whose node stops
 * goes on on another node with the id of the last message it got, and gets exactly what it
 * missed. Skipped where redis-server is not installed.
 */
class ClusteredChatTest {
    private static final int MESSAGES_EACH = 20;

    @Test
    void membersOnABlockingANettyAndAVertxNodeHearEachOtherInOneOrderAndSeeTheSamePresence() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RunningApp blocking = node(redis, "blocking");
             RunningApp netty = node(redis, "netty");
             RunningApp vertx = node(redis, "vertx")) {
            List<String> names = List.of("ann", "ben", "cat");
            List<URI> nodes = List.of(blocking.awaitUri("ws"), netty.awaitUri("ws"), vertx.awaitUri("ws"));
            List<ChatPeer> members = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                members.add(ChatPeer.join(member(nodes.get(i), names.get(i), null)));
                // Each join waits until every member has heard it: the same list, in the same order, on every node.
                String joined = ChatEvents.join(names.get(i), names.subList(0, i + 1));
                for (ChatPeer member : members) {
                    member.next(joined::equals, joined);
                }
            }

            for (int n = 0; n < MESSAGES_EACH; n++) {
                for (int i = 0; i < members.size(); i++) {
                    members.get(i).say(names.get(i) + "-" + n);
                }
            }

            List<String> firstOrder = null;
            for (ChatPeer member : members) {
                List<String> heard = new ArrayList<>();
                Map<String, Integer> nextFrom = new HashMap<>();
                for (int m = 0; m < names.size() * MESSAGES_EACH; m++) {
                    String text = ChatPeer.textOf(member.nextMessage());
                    String sender = text.substring(0, text.indexOf('-'));
                    assertThat(Integer.parseInt(text.substring(text.indexOf('-') + 1)))
                            .as("%s from %s: each once, in its order", text, sender).isEqualTo(nextFrom.getOrDefault(sender, 0));
                    nextFrom.merge(sender, 1, Integer::sum);
                    heard.add(text);
                }
                assertThat(member.messageWithin(300)).as("nothing more").isNull();
                if (firstOrder == null) {
                    firstOrder = heard;
                }
                assertThat(heard).as("the room's one order, on every node").isEqualTo(firstOrder);
            }
            members.forEach(ChatPeer::close);
        }
    }

    /**
     * The member's node stops while the room goes on: the member comes back on another node
     * (another transport) with {@code after=} the id of the last message it got, and gets every
     * message said while it was away, each once, in order, and nothing it had already.
     */
    @Test
    void aMemberWhoseNodeStopsGetsExactlyWhatItMissedOnAnotherNode() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RunningApp stopping = node(redis, "netty");
             RunningApp staying = node(redis, "vertx")) {
            URI stoppingNode = stopping.awaitUri("ws");
            URI stayingNode = staying.awaitUri("ws");
            ChatPeer ann = ChatPeer.join(member(stoppingNode, "ann", null));
            ann.next(ChatEvents.join("ann", List.of("ann"))::equals, "ann's join");
            ChatPeer ben = ChatPeer.join(member(stayingNode, "ben", null));
            String benJoined = ChatEvents.join("ben", List.of("ann", "ben"));
            ann.next(benJoined::equals, benJoined);

            String lastId = null;
            for (int n = 0; n < 10; n++) {
                ben.say("m-" + n);
                String got = ann.nextMessage();
                assertThat(ChatPeer.textOf(got)).isEqualTo("m-" + n);
                lastId = ChatPeer.idOf(got);
            }
            assertThat(stopping.stop()).isZero();
            assertThat(ann.closeCode()).as("the node going away").isEqualTo(1001);

            for (int n = 10; n < 20; n++) {
                ben.say("m-" + n);
            }
            // Heard back by ben: every one of them is in the room's history before ann comes back.
            for (int n = 0; n < 20; n++) {
                assertThat(ChatPeer.textOf(ben.nextMessage())).isEqualTo("m-" + n);
            }

            try (ChatPeer annAgain = ChatPeer.join(member(stayingNode, "ann", lastId))) {
                for (int n = 10; n < 20; n++) {
                    assertThat(ChatPeer.textOf(annAgain.nextMessage())).as("missed message %d", n).isEqualTo("m-" + n);
                }
                assertThat(annAgain.messageWithin(300)).as("nothing twice, nothing from before").isNull();
                ben.say("welcome back");
                assertThat(ChatPeer.textOf(annAgain.nextMessage())).isEqualTo("welcome back");
            }
            ben.close();
        }
    }

    private static RunningApp node(RedisServer redis, String transport) {
        return RunningApp.start("chat", "--cluster", redis.uri(), "--transport", transport, "--port", "0");
    }

    /** The chat WebSocket of the node at {@code node}, its {@code ws://HOST:PORT/}. */
    private static URI member(URI node, String name, String after) {
        String query = "/ws?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + (after == null ? "" : "&after=" + after);
        return node.resolve(query);
    }
}
