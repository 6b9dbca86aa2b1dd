package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.RunningApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The chat's cluster options from the command line: the page learns the peers from
 * {@code /nodes}; a peer that is no page URL is a bad argument (exit 2), and a store out of reach
 * a one-line failure (exit 1), before anything listens.
 */
class ChatNodesTest {

    @Test
    void thePageLearnsThePeersFromNodes() throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--port", "0",
                "--peers", "http://127.0.0.1:8082/,http://127.0.0.1:8083", "--peers", "https://chat.example:443/x")) {
            URI page = chat.awaitUri("http");
            HttpResponse<String> nodes = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(page.resolve("/nodes")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(nodes.statusCode()).isEqualTo(200);
            assertThat(nodes.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(nodes.body()).isEqualTo("[\"http://127.0.0.1:8082/\",\"http://127.0.0.1:8083/\",\"https://chat.example:443/\"]");
        }
    }

    @Test
    void aPeerThatIsNoPageUrlIsABadArgument() throws Exception {
        RunningApp chat = RunningApp.start("chat", "--port", "0", "--peers", "ws://127.0.0.1:8082/");

        assertThat(chat.awaitExit()).isEqualTo(2);
        assertThat(chat.err().next()).isEqualTo("chat: --peers takes page URLs, http://HOST:PORT/: ws://127.0.0.1:8082/ (try chat --help)");
    }

    @Test
    void aStoreOutOfReachFailsInOneLine() throws Exception {
        String nobody = "redis://127.0.0.1:" + closedPort();
        RunningApp chat = RunningApp.start("chat", "--port", "0", "--cluster", nobody);

        assertThat(chat.awaitExit()).isEqualTo(1);
        assertThat(chat.err().next()).startsWith("chat: cannot reach the cluster's store at " + nobody + ": ");
    }

    /** A loopback port nothing listens on, as far as anyone can tell. */
    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
