package dev.wskit.examples;

import dev.wskit.metrics.micrometer.MicrometerConnectionListener;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.Routes;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/**
 * {@code --metrics}: the server's connections as Micrometer meters in a Prometheus registry, served
 * as Prometheus text on {@code GET /metrics} of the app's own port, and as a live page on
 * {@code GET /stats} ({@link StatsPage}) plotting the samples of a WebSocket on
 * {@code /stats/feed} ({@link StatsFeed}). The plain-HTTP hook of the configuration is where a
 * WebSocket port answers requests that are not upgrades, and the feed is one more upgrade route,
 * so no second port is opened: a scraper and a browser reach the same address.
 */
final class PrometheusEndpoint implements AutoCloseable {
    /** Where Prometheus looks by default. */
    static final String PATH = "/metrics";
    /** The text exposition format, version 0.0.4, which every Prometheus scrapes. */
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpResponse statsPage = StatsPage.response();
    private final StatsFeed feed = new StatsFeed(registry);

    /** The listener to set on the server: it keeps the meters this endpoint serves. */
    ConnectionListener listener() {
        return MicrometerConnectionListener.of(registry);
    }

    /**
     * {@code setup} with {@link #PATH} and {@link StatsPage#PATH} answered before its own
     * plain-HTTP handler, which answers the rest; without one, the rest get 404 (the port now
     * serves HTTP, so an unknown path is not an upgrade gone wrong). An upgrade on
     * {@link StatsFeed#PATH} goes to the feed, any other to the setup's own decider.
     */
    ServerSetup serving(ServerSetup setup) {
        HttpRequestHandler own = setup.config().httpHandler();
        HttpRequestHandler withMetrics = request -> {
            HttpResponse ours = request.method().equals("GET") ? answer(request.path()) : null;
            if (ours != null || own == null) {
                return ours;
            }
            return own.handle(request);
        };
        UpgradeDecider withFeed = Routes.builder()
                .exact(StatsFeed.PATH, feed.decider())
                .prefix("/", setup.decider())
                .build();
        return new ServerSetup(setup.config().toBuilder().httpHandler(withMetrics).build(), withFeed, setup.release());
    }

    /** Stops the feed's timer: called with the server's stop. */
    @Override
    public void close() {
        feed.close();
    }

    /** The answer to {@code GET path}, or {@code null} when the path is not one of ours. */
    private HttpResponse answer(String path) {
        return switch (path) {
            case PATH -> HttpResponse.of(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8));
            case StatsPage.PATH -> statsPage;
            default -> null;
        };
    }
}
