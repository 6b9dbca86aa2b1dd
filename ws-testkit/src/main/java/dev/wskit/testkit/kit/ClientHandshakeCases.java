package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.transport.core.ConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The transport's client and the opening handshake of one connect: what it adds to the request,
 * the answer it reads back (101, or 200 on an HTTP/2 stream), and the refusal it reports,
 * against the transport's own server.
 */
public interface ClientHandshakeCases extends TransportCases {

    @Test
    default void headersAndSubprotocolsOfOneConnectReachTheServerAndTheAnswerIsReadable(Kit kit) throws Exception {
        Recorder serverSide = kit.recorder("server connection");
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), request ->
                request.header("Authorization").filter("Bearer one"::equals).isPresent()
                        ? UpgradeDecision.accept(serverSide).withSubprotocol("v2").withHeader("X-Served-By", "kit")
                        : UpgradeDecision.reject(401, "who are you\n"));
        TransportUnderTest.Client client = kit.client(WebSocketConfig.defaults(), null);
        Recorder recorder = kit.recorder("client");
        WebSocket socket = await(client.connect(uri(server), recorder,
                ConnectOptions.none().withHeader("Authorization", "Bearer one").withSubprotocols("v1", "v2")));
        recorder.expect("open");
        serverSide.expect("open");

        assertThat(socket.subprotocol()).isEqualTo("v2");
        HttpResponse response = socket.handshakeResponse().orElseThrow();
        // RFC 6455 §4.1 answers 101; RFC 8441 §5, a WebSocket on an HTTP/2 stream, answers 200.
        assertThat(response.status()).isEqualTo(socket.request().versionMajor() == 2 ? 200 : 101);
        assertThat(response.headers().first("X-Served-By")).isEqualTo("kit");
        assertThat(response.headers().first("Sec-WebSocket-Protocol")).isEqualTo("v2");
        assertThat(serverSide.socket().handshakeResponse()).as("a server keeps no copy").isEmpty();
        assertThat(refusal(client.connect(uri(server), new WebSocketHandler() { },
                ConnectOptions.none().withHeader("Authorization", "Bearer two"))).status())
                .as("the next connect sends its own headers").isEqualTo(401);
    }

    @Test
    default void aRefusedUpgradeFailsTheConnectWithTheStatusHeadersAndBody(Kit kit) throws Exception {
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(),
                request -> UpgradeDecision.reject(403, "why\n").withHeader("X-Reason", "not on the list"));
        TransportUnderTest.Client client = kit.client(WebSocketConfig.defaults(), null);

        UpgradeRefusedException refused = refusal(client.connect(uri(server), new WebSocketHandler() { }));

        HttpResponse response = refused.response();
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.reason()).isEqualTo("Forbidden");
        assertThat(response.headers().first("X-Reason")).isEqualTo("not on the list");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("why\n");
    }

    private static UpgradeRefusedException refusal(java.util.concurrent.CompletableFuture<WebSocket> connect)
            throws InterruptedException {
        Throwable failure = Kit.failureOf(connect);
        assertThat(failure).isInstanceOf(UpgradeRefusedException.class);
        return (UpgradeRefusedException) failure;
    }

    private static URI uri(TransportUnderTest.Server server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/chat");
    }
}
