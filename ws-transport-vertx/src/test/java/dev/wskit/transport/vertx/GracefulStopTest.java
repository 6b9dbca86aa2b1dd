package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Test 6: stopping with open connections closes each with 1001, waits for the closing
 * handshakes, and leaves nothing running.
 */
class GracefulStopTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;

    @Test
    void everyClientSees1001AndNothingTheServerStartedRemains() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Vertx vertx = Vertx.vertx();
        EchoHandler handler = new EchoHandler();
        VertxWebSocketServer server = VertxWebSocketServer.builder(vertx)
                .handler(() -> handler)
                .build().listen().await(T, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newHttpClient();
        List<JdkClientAgainstServerTest.JdkPeer> peers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JdkClientAgainstServerTest.JdkPeer peer = new JdkClientAgainstServerTest.JdkPeer();
            peer.socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), peer).get(T, TimeUnit.SECONDS);
            peers.add(peer);
        }
        for (int i = 0; i < 5; i++) {
            handler.opened.poll(T, TimeUnit.SECONDS);
        }
        assertThat(server.openConnections()).isEqualTo(5);

        server.shutdown().await(T, TimeUnit.SECONDS);

        for (JdkClientAgainstServerTest.JdkPeer peer : peers) {
            assertThat(peer.next()).isEqualTo("close 1001 server stopping");
        }
        // The JDK clients answered, so every handshake completed: each handler saw 1001 echoed.
        for (int i = 0; i < 5; i++) {
            assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("1001 ");
        }
        assertThat(server.openConnections()).isZero();

        // The server starts no thread of its own; the Vert.x instance's threads all end with it.
        vertx.close().await(T, TimeUnit.SECONDS);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("vert.x-")) {
                t.join(TimeUnit.SECONDS.toMillis(T));
                assertThat(t.isAlive()).as("thread %s", t.getName()).isFalse();
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> !before.contains(t) && t.getName().toLowerCase().contains("wskit"));
    }
}
