package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.RecordingClient;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
                    expect("text:{\"type\":\"message\",\"name\":\"bob\",\"text\":\"hi \\\"all\\\"\\n\"}", ada, bob, cy);

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
        slow.write(RawPeer.UPGRADE.replace("GET /chat ", "GET /ws?name=slow "));
        assertThat(slow.readHead()).startsWith("HTTP/1.1 101 ");
        return RecordingClient.connect(transport, ws.resolve("/ws?name=ada"));
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
            assertThat(found.body()).contains("<title>wskit chat</title>", "/ws?name=");
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void closesWith1008OnAnotherPathWithoutANameOrWithATakenName(ExampleTransport transport) throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            URI ws = chat.awaitUri("ws");
            try (RecordingClient elsewhere = RecordingClient.connect(transport, ws.resolve("/?name=ada"));
                 RecordingClient nameless = RecordingClient.connect(transport, ws.resolve("/ws"));
                 RecordingClient ada = RecordingClient.connect(transport, ws.resolve("/ws?name=ada"))) {
                assertThat(ada.next()).startsWith("text:{\"type\":\"join\"");
                try (RecordingClient secondAda = RecordingClient.connect(transport, ws.resolve("/ws?name=ada"))) {
                    assertThat(secondAda.next()).isEqualTo("close:1008 name taken");
                }
                assertThat(elsewhere.next()).isEqualTo("close:1008 the chat WebSocket is at /ws");
                assertThat(nameless.next()).isEqualTo("close:1008 a name of 1 to 32 characters is required");
            }
        }
    }
}
