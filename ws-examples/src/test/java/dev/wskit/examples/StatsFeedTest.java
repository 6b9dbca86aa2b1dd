package dev.wskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.transport.ExampleTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --metrics}'s {@code /stats/feed} seen by the JDK's WebSocket client: a sample a second
 * with the registry's numbers, which follow other clients as they come and go, on every transport.
 */
class StatsFeedTest {
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":([0-9.]+)");
    /** A sample a second: a few seconds cover a change made between two of them. */
    private static final int SAMPLES_TO_WAIT = 8;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void theOpenConnectionsFollowAnotherClientAndTheViewerIsCountedAsOne(ExampleTransport transport) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0", "--metrics")) {
            URI ws = echo.awaitUri("ws");
            Feed feed = new Feed();
            WebSocket viewer = connect(ws.resolve("/stats/feed"), feed);

            assertThat(feed.await(sample -> sample.get("open") == 1)).containsEntry("viewers", 1.0);
            WebSocket other = connect(ws, new WebSocket.Listener() { });
            assertThat(feed.await(sample -> sample.get("open") == 2)).containsEntry("viewers", 1.0);
            other.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            feed.await(sample -> sample.get("open") == 1);
            viewer.abort();
        }
    }

    /** The registry adds a connection's messages at its close: the next second's rate shows them. */
    @Test
    void messagesOfAClosedConnectionShowAsARate() throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--port", "0", "--metrics")) {
            URI ws = echo.awaitUri("ws");
            Feed feed = new Feed();
            WebSocket viewer = connect(ws.resolve("/stats/feed"), feed);
            WebSocket other = connect(ws, new WebSocket.Listener() { });
            for (int i = 0; i < 3; i++) {
                other.sendText("message " + i, true).get(10, TimeUnit.SECONDS);
            }
            other.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);

            Map<String, Double> sample = feed.await(s -> s.get("messagesIn") > 0);

            assertThat(sample.get("messagesIn")).isGreaterThanOrEqualTo(3 / 1.5);
            viewer.abort();
        }
    }

    @Test
    void theFeedsTimerEndsWithTheServer() throws Exception {
        RunningApp echo = RunningApp.start("echo", "--port", "0", "--metrics");
        echo.awaitUri("ws");
        assertThat(feedTimers()).isPositive();

        long before = feedTimers();
        echo.stop();

        // The stop ends the timer; its thread may take a moment to be gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (feedTimers() != before - 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(feedTimers()).isEqualTo(before - 1);
    }

    private static long feedTimers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("wskit-stats-feed") && thread.isAlive())
                .count();
    }

    private WebSocket connect(URI uri, WebSocket.Listener listener) throws Exception {
        return http.newWebSocketBuilder().buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
    }

    /** The samples a viewer got, each parsed into its numbers. */
    private static final class Feed implements WebSocket.Listener {
        private final BlockingQueue<String> samples = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                samples.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** The first sample, within a few, that {@code wanted} accepts. */
        Map<String, Double> await(Predicate<Map<String, Double>> wanted) throws InterruptedException {
            for (int i = 0; i < SAMPLES_TO_WAIT; i++) {
                String json = samples.poll(5, TimeUnit.SECONDS);
                assertThat(json).as("a sample within 5 s").isNotNull();
                Map<String, Double> numbers = numbers(json);
                if (wanted.test(numbers)) {
                    return numbers;
                }
            }
            throw new AssertionError("none of " + SAMPLES_TO_WAIT + " samples was the one awaited");
        }

        private static Map<String, Double> numbers(String json) {
            Map<String, Double> numbers = new HashMap<>();
            Matcher m = NUMBER.matcher(json);
            while (m.find()) {
                numbers.put(m.group(1), Double.parseDouble(m.group(2)));
            }
            return numbers;
        }
    }
}
