package dev.wskit.examples;

import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code --metrics}'s {@code GET /stats}: a page that plots the open connections and the messages
 * per second of the last five minutes, drawn in the browser from the samples of
 * {@link StatsFeed}, for a person without a Prometheus.
 */
final class StatsPage {
    /** Where the page is served. */
    static final String PATH = "/stats";
    private static final String RESOURCE = "stats.html";

    private StatsPage() {
    }

    /** The page, read from the jar. */
    static HttpResponse response() {
        byte[] html;
        try (InputStream in = StatsPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            html = in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        // no-cache: a rebuilt jar's page shows on the next reload.
        return HttpResponse.of(200, HttpHeaders.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-cache"), html);
    }
}
