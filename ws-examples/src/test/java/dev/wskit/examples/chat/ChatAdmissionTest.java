package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.cluster.LocalCluster;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.protocol.upgrade.UpgradeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who gets in, decided without a network: the name rules and the race for one name. The same
 * decisions over real sockets are in
 * {@link ChatAppTest}.
 */
class ChatAdmissionTest {
    private final LocalCluster cluster = LocalCluster.create();
    private final ChatRoom room;
    private final ChatAdmission admission;

    ChatAdmissionTest() throws IOException {
        room = ChatRoom.open(cluster);
        admission = new ChatAdmission(room, new ChatHandler(room));
    }

    @AfterEach
    void closeRoom() {
        room.close();
        cluster.close();
    }

    /**
     * A page resuming on this node names the last message it showed; anything else there is
     * refused before the name is reserved, so the page may try again under the same name.
     */
    @Test
    void aResumingPageNamesItsLastMessageIdAndAnythingElseIsRefusedReservingNothing() {
        UpgradeDecision junk = admission.decide(request("/ws?name=ada&after=12;drop"));
        UpgradeDecision resuming = admission.decide(request("/ws?name=ada&after=1733612400000-3"));

        assertThat(junk.status()).isEqualTo(400);
        assertThat(new String(junk.body(), StandardCharsets.UTF_8)).startsWith("after must be a message id");
        assertThat(resuming.isAccepted()).isTrue();
        assertThat(resuming.attributes()).containsEntry(ChatAdmission.AFTER_ATTRIBUTE, "1733612400000-3");
        assertThat(admission.decide(request("/ws?name=bob")).attributes()).doesNotContainKey(ChatAdmission.AFTER_ATTRIBUTE);
    }

    /** The page's cookie names who joins when the query does not; the query wins when both do. */
    @Test
    void aNameComesFromThePagesCookieToo() {
        HttpHeaders cookie = HttpHeaders.of("Cookie", "theme=dark; chat-name=ada%20lovelace");

        assertThat(ChatAdmission.nameFrom(request("/ws", cookie))).isEqualTo("ada lovelace");
        assertThat(ChatAdmission.nameFrom(request("/ws?name=bob", cookie))).isEqualTo("bob");
        assertThat(ChatAdmission.nameFrom(request("/ws", HttpHeaders.of("Cookie", "chat-name=%zz")))).isNull();
        assertThat(ChatAdmission.nameFrom(request("/ws", HttpHeaders.of("Cookie", "chat-name=")))).isNull();
    }

    @Test
    void namesComeFromTheQueryTrimmedAndBounded() {
        assertThat(ChatAdmission.nameFrom(request("/ws?x=1&name=%20ada+lovelace%20"))).isEqualTo("ada lovelace");
        assertThat(ChatAdmission.nameFrom(request("/ws?name=" + "n".repeat(32)))).hasSize(32);
        assertThat(ChatAdmission.nameFrom(request("/ws?name=" + "n".repeat(33)))).isNull();
        assertThat(ChatAdmission.nameFrom(request("/ws?name=%20"))).isNull();
        assertThat(ChatAdmission.nameFrom(request("/ws?name=a%0Ab"))).isNull();
        assertThat(ChatAdmission.nameFrom(request("/ws?name="))).isNull();
        assertThat(ChatAdmission.nameFrom(request("/ws"))).isNull();
    }

    @Test
    void acceptsAFreeNameWithItsReservationAndRefusesATakenOrMissingOne() {
        UpgradeDecision ada = admission.decide(request("/ws?name=ada"));
        UpgradeDecision secondAda = admission.decide(request("/ws?name=+ada"));
        UpgradeDecision nameless = admission.decide(request("/ws?name=+"));

        assertThat(ada.isAccepted()).isTrue();
        assertThat(ada.attributes()).containsEntry(ChatAdmission.NAME_ATTRIBUTE, "ada");
        assertThat(secondAda.status()).isEqualTo(409);
        assertThat(new String(secondAda.body(), StandardCharsets.UTF_8)).isEqualTo("name taken: ada\n");
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(new String(nameless.body(), StandardCharsets.UTF_8)).isEqualTo(ChatAdmission.NAME_REQUIRED);
    }

    /**
     * Decisions run on the connections' threads, so two upgrades for one free name can be decided
     * at the same instant; only one may have it. Many rounds, each released at once by a barrier,
     * so a check-then-reserve would let both in now and then.
     */
    @Test
    void ofTwoDecisionsAtOnceForOneFreeNameExactlyOneIsAccepted() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2000; round++) {
                String target = "/ws?name=n" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<UpgradeDecision>> both = List.of(
                        threads.submit(() -> decideAfter(start, target)),
                        threads.submit(() -> decideAfter(start, target)));
                List<Integer> statuses = List.of(both.get(0).get().status(), both.get(1).get().status());
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(101, 409);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private UpgradeDecision decideAfter(CyclicBarrier start, String target) throws Exception {
        start.await();
        return admission.decide(request(target));
    }

    private static UpgradeRequest request(String target) {
        return request(target, HttpHeaders.empty());
    }

    private static UpgradeRequest request(String target, HttpHeaders headers) {
        return new UpgradeRequest(new HttpRequest("GET", target, 1, 1, headers), null, null);
    }
}
