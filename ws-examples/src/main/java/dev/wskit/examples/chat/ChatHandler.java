package dev.wskit.examples.chat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One chat connection: {@code /ws?name=NAME}. The engine has no per-path upgrade hook (its origin
 * policy sees only the {@code Origin}), so a WebSocket on any other path, or without a usable
 * name, is accepted and closed at once with 1008 and a reason the page shows. Stateless: one
 * instance serves every connection of a room.
 */
final class ChatHandler implements WebSocketHandler {
    static final String PATH = "/ws";
    /** Code points; long enough for a name, short enough that a join line stays one line. */
    static final int MAX_NAME = 32;

    private final ChatRoom room;

    ChatHandler(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void onOpen(WebSocket socket) {
        if (!socket.request().path().equals(PATH)) {
            socket.close(CloseCode.POLICY_VIOLATION, "the chat WebSocket is at " + PATH);
            return;
        }
        String name = nameFrom(socket.request().query());
        if (name == null) {
            socket.close(CloseCode.POLICY_VIOLATION, "a name of 1 to " + MAX_NAME + " characters is required");
            return;
        }
        room.join(socket, name);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        room.say(socket, text);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        room.leave(socket);
    }

    /** The {@code name} parameter of the query, trimmed; {@code null} when absent, empty, too long or holding control characters. */
    static String nameFrom(String query) {
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("name=")) {
                String name;
                try {
                    name = URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8).strip();
                } catch (IllegalArgumentException badEscape) {
                    return null;
                }
                int length = name.codePointCount(0, name.length());
                boolean printable = name.codePoints().noneMatch(Character::isISOControl);
                return length >= 1 && length <= MAX_NAME && printable ? name : null;
            }
        }
        return null;
    }
}
