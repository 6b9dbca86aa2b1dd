package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.RecordingClient;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.transport.ExampleTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chat app over loopback, on every transport: the page, the room, and what it refuses. */
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
