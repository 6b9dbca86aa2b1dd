package dev.wskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.transport.ExampleTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --metrics}: Prometheus text on {@code /metrics} of the app's own port, on every transport,
 * and the {@code /stats} page that plots the same numbers (its feed: {@link StatsFeedTest}).
 */
class MetricsOptionTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void echoServesTheOpenConnectionOnMetricsOnceAJdkClientConnected(ExampleTransport transport) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0", "--metrics")) {
            URI ws = echo.awaitUri("ws");
            URI metrics = URI.create("http://" + ws.getAuthority() + "/metrics");
            assertThat(echo.out().next()).isEqualTo("metrics (Prometheus text) on " + metrics
                    + ", live page on " + metrics.resolve("/stats"));
            WebSocket client = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);

            HttpResponse<String> scrape = get(metrics);

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body().lines())
                    .contains("wskit_connections_open{role=\"SERVER\",transport=\"" + transport.optionName() + "\"} 1.0")
                    .contains("wskit_handshakes_total{outcome=\"ACCEPTED\",role=\"SERVER\",status=\"101\",transport=\""
                            + transport.optionName() + "\",violation=\"NONE\"} 1.0");
            client.abort();
        }
    }

    @Test
    void chatKeepsItsPageBesideMetrics() throws Exception {
        try (RunningApp chat = RunningApp.start("chat", "--port", "0", "--metrics")) {
            URI page = chat.awaitUri("http");

            assertThat(get(page).statusCode()).isEqualTo(200);
            assertThat(get(page.resolve("/metrics")).statusCode()).isEqualTo(200);
            assertThat(get(page.resolve("/elsewhere")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void statsIsAPageThatPlotsTheFeed() throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--port", "0", "--metrics")) {
            URI ws = echo.awaitUri("ws");

            HttpResponse<String> stats = get(URI.create("http://" + ws.getAuthority() + "/stats"));

            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(stats.body()).contains("<title>wskit stats</title>", "\"/stats/feed\"");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
