package dev.wskit.examples.chat;

import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The plain HTTP side of the chat port: the page on {@code GET /}, and on
 * {@code GET /name-check?name=NAME} the reason its script shows when a name cannot join. Any other
 * request gets the engine's 404.
 */
final class ChatPage implements HttpRequestHandler {
    static final String NAME_CHECK = "/name-check";
    private static final String RESOURCE = "chat.html";

    private final HttpResponse page;
    private final ChatAdmission admission;

    ChatPage(ChatAdmission admission) {
        this.admission = admission;
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
        if (!request.method().equals("GET")) {
            return null;
        }
        return switch (request.path()) {
            case "/", "/index.html" -> page;
            case NAME_CHECK -> admission.check(request);
            default -> null;
        };
    }
}
