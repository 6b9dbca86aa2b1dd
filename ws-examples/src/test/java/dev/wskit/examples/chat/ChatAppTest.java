package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.cluster.LocalCluster;
import dev.wskit.examples.RecordingClient;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.ServerSetup;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.examples.transport.RunningServer;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chat app over loopback, on every transport: the page, the room, and what it refuses. */
@ExtendWith(Kit.Extension.class)
class ChatAppTest {

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void broadcastsJoinsMessagesAndLeavesToEveryone(ExampleTransport transport) throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI ws = chat.awaitUri("ws");
            try (RecordingClient ada = RecordingClient.connect(transport, ws.resolve("/ws?name=ada"))) {
                expect("text:{\"type\":\"join\",\"name\":\"ada\",\"users\":[\"ada\"]}", ada);
                try (RecordingClient bob = RecordingClient.connect(transport, ws.resolve("/ws?name=bob"))) {
                    expect("text:{\"type\":\"join\",\"name\":\"bob\",\"users\":[\"ada\",\"bob\"]}", ada, bob);
                    RecordingClient cy = RecordingClient.connect(transport, ws.resolve("/ws?name=c%C3%BF"));
                    expect("text:{\"type\":\"join\",\"name\":\"cÿ\",\"users\":[\"ada\",\"bob\",\"cÿ\"]}", ada, bob, cy);

                    bob.socket().sendText("hi \"all\"\n");
                    expectMessage("{\"type\":\"message\",\"name\":\"bob\",\"text\":\"hi \\\"all\\\"\\n\"", ada, bob, cy);

                    cy.close();
                    expect("text:{\"type\":\"leave\",\"name\":\"cÿ\",\"users\":[\"ada\",\"bob\"]}", ada, bob);
                }
                expect("text:{\"type\":\"leave\",\"name\":\"bob\",\"users\":[\"ada\"]}", ada);
            }
        }
    }

    /**
     * A member that stops reading must not hold up the room: everyone else keeps getting every
     * message while the slow member's socket buffers are full, and the slow member is closed once
     * it falls too far behind. Before each member had its own outbox, the room's one thread blocked
     * in a write to the slow member (on the blocking transport, for up to its write timeout).
     */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aMemberThatStopsReadingDoesNotHoldUpTheRoom(ExampleTransport transport, Kit kit) throws Exception {
        String chunk = "x".repeat(16 * 1024);
        int messages = 400;
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI ws = chat.awaitUri("ws");
            // A small window, and never read after the handshake: the server's writes to it stall.
            // Closed before the app stops, as a peer that went away would be.
            try (RawPeer slow = kit.rawWithSmallReceiveBuffer(ws.getPort());
                 RecordingClient ada = joinAfter(slow, transport, ws)) {
                expect("text:{\"type\":\"join\",\"name\":\"ada\",\"users\":[\"slow\",\"ada\"]}", ada);
                for (int i = 0; i < messages; i++) {
                    ada.socket().sendText(i + chunk);
                    // Each one arrives before the next is sent, far past what the slow socket holds.
                    assertThat(ada.next()).startsWith("text:{\"type\":\"message\",\"name\":\"ada\",\"text\":\"" + i + "x");
                }
                // The slow member reads its close no more than the rest: the close timeout (5 s) drops it.
                assertThat(ada.next(Duration.ofSeconds(20))).as("the slow member is dropped, and the room says so")
                        .isEqualTo("text:{\"type\":\"leave\",\"name\":\"slow\",\"users\":[\"ada\"]}");
            }
        }
    }

    /** {@code ada} joins once {@code slow} is in: its 101 comes after its onOpen asked the room to let it in. */
    private static RecordingClient joinAfter(RawPeer slow, ExampleTransport transport, URI ws) throws Exception {
        slow.write(upgrade("/ws?name=slow", ""));
        assertThat(slow.readHead()).startsWith("HTTP/1.1 101 ");
        return RecordingClient.connect(transport, ws.resolve("/ws?name=ada"));
    }

    /** Every one of {@code members} gets next the message {@code event} begins, ended by its id in the room. */
    private static void expectMessage(String event, RecordingClient... members) throws InterruptedException {
        for (RecordingClient member : members) {
            assertThat(member.next()).matches(Pattern.quote("text:" + event + ",\"id\":\"") + "[0-9]+-[0-9]+\"}");
        }
    }

    /** Every one of {@code members} gets {@code event} next. */
    private static void expect(String event, RecordingClient... members) throws InterruptedException {
        for (RecordingClient member : members) {
            assertThat(member.next()).isEqualTo(event);
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void servesThePageOnTheSamePort(ExampleTransport transport) throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI page = chat.awaitUri("http");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> found = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(page.resolve("/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(found.body()).contains("<title>wskit chat</title>", "\"ws\"", "chat-name", "/name-check?name=", "/nodes");
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void theNameCheckAnswersAsTheUpgradeWould(ExampleTransport transport) throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI page = chat.awaitUri("http");
            URI ws = URI.create("ws://" + page.getRawAuthority() + "/");
            try (RecordingClient ada = RecordingClient.connect(transport, ws.resolve("/ws?name=ada"))) {
                assertThat(ada.next()).startsWith("text:{\"type\":\"join\"");
                HttpClient http = HttpClient.newHttpClient();

                HttpResponse<String> taken = http.send(HttpRequest.newBuilder(page.resolve("/name-check?name=ada")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> free = http.send(HttpRequest.newBuilder(page.resolve("/name-check?name=bob")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> missing = http.send(HttpRequest.newBuilder(page.resolve("/name-check?name=")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(taken.statusCode()).isEqualTo(409);
                assertThat(taken.body()).isEqualTo("name taken: ada\n");
                assertThat(free.statusCode()).isEqualTo(200);
                assertThat(missing.statusCode()).isEqualTo(400);
                assertThat(missing.body()).isEqualTo(ChatAdmission.NAME_REQUIRED);
                assertThat(taken.headers().firstValue("Cache-Control")).hasValue("no-store");
            }
        }
    }

    /**
     * Refused before the upgrade, so a refused client never becomes a member: the others see no
     * join or leave for it, and a name is free again once its member left.
     */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void refusesATakenNameWith409AndAMissingOneWith400(ExampleTransport transport) throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI ws = chat.awaitUri("ws");
            try (RecordingClient bob = RecordingClient.connect(transport, ws.resolve("/ws?name=bob"))) {
                expect("text:{\"type\":\"join\",\"name\":\"bob\",\"users\":[\"bob\"]}", bob);
                RecordingClient ada = RecordingClient.connect(transport, ws.resolve("/ws?name=ada"));
                expect("text:{\"type\":\"join\",\"name\":\"ada\",\"users\":[\"bob\",\"ada\"]}", bob, ada);

                assertThat(refusedStatus(ws.resolve("/ws?name=ada"))).isEqualTo(409);
                assertThat(refusedStatus(ws.resolve("/ws?name=%20ada%20"))).isEqualTo(409);
                assertThat(refusedStatus(ws.resolve("/ws"))).isEqualTo(400);
                assertThat(refusedStatus(ws.resolve("/ws?name=+"))).isEqualTo(400);
                assertThat(refusedStatus(ws.resolve("/ws?name=" + "n".repeat(33)))).isEqualTo(400);
                assertThat(refusedStatus(ws.resolve("/chat?name=cy"))).isEqualTo(404);

                ada.socket().sendText("still here");
                expectMessage("{\"type\":\"message\",\"name\":\"ada\",\"text\":\"still here\"", bob, ada);
                ada.close();
                expect("text:{\"type\":\"leave\",\"name\":\"ada\",\"users\":[\"bob\"]}", bob);
                try (RecordingClient adaAgain = RecordingClient.connect(transport, ws.resolve("/ws?name=ada"))) {
                    expect("text:{\"type\":\"join\",\"name\":\"ada\",\"users\":[\"bob\",\"ada\"]}", bob, adaAgain);
                }
            }
        }
    }

    /** The rejection on the wire: a complete plain-text response, then the connection ends in order. */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aRefusalIsACompletePlainTextResponse(ExampleTransport transport, Kit kit) throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI ws = chat.awaitUri("ws");
            try (RecordingClient ada = RecordingClient.connect(transport, ws.resolve("/ws?name=ada"));
                 RawPeer secondAda = kit.raw(ws.getPort())) {
                assertThat(ada.next()).startsWith("text:{\"type\":\"join\"");
                secondAda.write(upgrade("/ws?name=ada", ""));

                String head = secondAda.readHead();
                byte[] body = secondAda.readToEnd();

                assertThat(head).startsWith("HTTP/1.1 409 Conflict\r\n").contains(
                        "\r\nContent-Type: text/plain; charset=utf-8\r\n",
                        "\r\nConnection: close\r\n",
                        "\r\nContent-Length: " + body.length + "\r\n");
                assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("name taken: ada\n");
                assertThat(secondAda.endedByReset()).isFalse();
            }
        }
    }

    /**
     * Many upgrades for one free name at once: the room reserves the name in the decision, so one
     * gets in and every other is refused, whichever order the decisions run in.
     */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void ofUpgradesForOneFreeNameAtOnceExactlyOneIsAccepted(ExampleTransport transport) throws Exception {
        int contenders = 8;
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI ada = chat.awaitUri("ws").resolve("/ws?name=ada");
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<WebSocket>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                attempts.add(http.newWebSocketBuilder().buildAsync(ada, new WebSocket.Listener() { }));
            }

            List<WebSocket> accepted = new ArrayList<>();
            List<Integer> refusals = new ArrayList<>();
            for (CompletableFuture<WebSocket> attempt : attempts) {
                try {
                    accepted.add(attempt.get(10, TimeUnit.SECONDS));
                } catch (ExecutionException failed) {
                    refusals.add(statusOf(failed.getCause()));
                }
            }

            assertThat(accepted).hasSize(1);
            assertThat(refusals).hasSize(contenders - 1).containsOnly(409);
            accepted.get(0).sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A malformed extension offer is refused before the decision (RFC 6455 §9.1, 400), so it
     * reserves nothing: the name is free for the next upgrade at once.
     */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aRequestRefusedBeforeTheDecisionReservesNoName(ExampleTransport transport, Kit kit) throws Exception {
        LocalCluster cluster = LocalCluster.create();
        ChatRoom room = ChatRoom.open(cluster);
        ServerSetup setup = ChatApp.setUp(room, List.of(), () -> { });
        RunningServer server = transport.startServer("127.0.0.1", 0, setup.config(), setup.decider());
        try {
            URI ada = server.uri("ws", "/ws?name=ada");
            try (RawPeer refused = kit.raw(ada.getPort())) {
                refused.write(upgrade("/ws?name=ada", "Sec-WebSocket-Extensions: permessage-deflate; x=\"unterminated\r\n"));
                assertThat(refused.readHead()).startsWith("HTTP/1.1 400 ");
            }
            try (RecordingClient client = RecordingClient.connect(transport, ada)) {
                expect("text:{\"type\":\"join\",\"name\":\"ada\",\"users\":[\"ada\"]}", client);
            }
        } finally {
            server.stop();
            room.close();
            cluster.close();
        }
    }

    /** The kit's sample upgrade for {@code target}, with {@code moreHeaders} (each ending in CRLF). */
    private static String upgrade(String target, String moreHeaders) {
        return RawPeer.UPGRADE.replace("GET /chat ", "GET " + target + " ").replace("\r\n\r\n", "\r\n" + moreHeaders + "\r\n");
    }

    /** The status the JDK's client was refused with; fails if it was let in. */
    private static int refusedStatus(URI uri) throws Exception {
        CompletableFuture<WebSocket> attempt = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() { });
        try {
            WebSocket accepted = attempt.get(10, TimeUnit.SECONDS);
            accepted.abort();
            throw new AssertionError("upgraded to " + uri);
        } catch (ExecutionException failed) {
            return statusOf(failed.getCause());
        }
    }

    private static int statusOf(Throwable refusal) {
        assertThat(refusal).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refusal).getResponse().statusCode();
    }
}
