package dev.wskit.examples.chat;

import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the chat page on {@code GET /}; any other plain HTTP request gets the engine's 404. */
final class ChatPage implements HttpRequestHandler {
    private static final String RESOURCE = "chat.html";

    private final HttpResponse page;

    ChatPage() {
        byte[] html;
        try (InputStream in = ChatPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            html = in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        // no-cache: a rebuilt jar's page shows on the next reload.
        page = HttpResponse.of(200, HttpHeaders.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-cache"), html);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        boolean pagePath = request.path().equals("/") || request.path().equals("/index.html");
        return request.method().equals("GET") && pagePath ? page : null;
    }
}
