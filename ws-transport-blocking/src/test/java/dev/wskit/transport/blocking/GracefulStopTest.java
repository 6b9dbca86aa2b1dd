package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping with connections open: everyone hears 1001, and no thread of the server outlives stop. */
@Timeout(60)
class GracefulStopTest {

    @Test
    void sendsGoingAwayToEveryClientAndEndsEveryThread() throws Exception {
        BlockingWebSocketServer server = BlockingWebSocketServer.builder().handler(RecordingHandler::echoing).build().start();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        JdkClientAgainstServerTest.JdkListener jdk = new JdkClientAgainstServerTest.JdkListener();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, jdk).get(10, TimeUnit.SECONDS);
        try (BlockingWebSocketClient client = BlockingWebSocketClient.builder().build()) {
            RecordingHandler first = RecordingHandler.recording();
            RecordingHandler second = RecordingHandler.recording();
            client.connect(uri, first);
            client.connect(uri, second);

            server.stop(Duration.ofSeconds(5));

            assertThat(first.nextClose()).isEqualTo("close:1001:server stopping");
            assertThat(second.nextClose()).isEqualTo("close:1001:server stopping");
            assertThat(jdk.nextEvent()).isEqualTo("close:1001:server stopping");
        }
        assertThat(liveThreadsNamed("wskit-blocking-server")).isEmpty();
    }

    @Test
    void endsEveryThreadOfItsFactoryEvenWhenAPeerNeverAnswersTheClose() throws Exception {
        Set<Thread> made = ConcurrentHashMap.newKeySet();
        BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .handler(RecordingHandler::echoing)
                .threadFactory(task -> {
                    Thread t = new Thread(task, "test-made");
                    made.add(t);
                    return t;
                })
                .build()
                .start();
        try (RawPeer silent = RawPeer.upgraded(server.port())) {
            server.stop(Duration.ofMillis(300));
            // The close frame arrived; the peer never answered, so the grace ran out and it was dropped.
            assertThat(silent.socket.getInputStream().readNBytes(2)).containsExactly(0x88, 17);
        }
        assertThat(made).isNotEmpty().allSatisfy(t -> assertThat(t.isAlive()).isFalse());
        assertThat(liveThreadsNamed("wskit-blocking-server")).isEmpty();
    }

    private static Set<String> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .collect(Collectors.toSet());
    }
}
