package dev.wskit.examples.chat;

import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The plain HTTP side of the chat port: the page on {@code GET /}, on
 * {@code GET /name-check?name=NAME} the reason its script shows when a name cannot join, and on
 * {@code GET /nodes} the other nodes of the room ({@code --peers}) as a JSON array of their page
 * URLs, where the page goes on when this node stops. Any other request gets the engine's 404.
 */
final class ChatPage implements HttpRequestHandler {
    static final String NAME_CHECK = "/name-check";
    static final String NODES = "/nodes";
    private static final String RESOURCE = "chat.html";

    private final HttpResponse page;
    private final ChatAdmission admission;
    private final HttpResponse nodes;

    ChatPage(ChatAdmission admission, List<URI> peers) {
        this.admission = admission;
        List<String> quoted = peers.stream().map(peer -> ChatEvents.quote(peer.toString())).toList();
        this.nodes = HttpResponse.of(200, HttpHeaders.of("Content-Type", "application/json"),
                ("[" + String.join(",", quoted) + "]").getBytes(StandardCharsets.UTF_8));
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
            case NODES -> nodes;
            default -> null;
        };
    }
}
