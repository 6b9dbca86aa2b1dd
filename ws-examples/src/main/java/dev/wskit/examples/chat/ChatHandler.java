package dev.wskit.examples.chat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;

/**
 * One chat connection, admitted by {@link ChatAdmission} with its name reserved. Stateless: one
 * instance serves every connection of a room.
 */
final class ChatHandler implements WebSocketHandler {
    private final ChatRoom room;

    ChatHandler(ChatRoom room) {
        this.room = room;
    }

    @Override
    public void onOpen(WebSocket socket) {
        room.join(socket, (String) socket.attributes().get(ChatAdmission.NAME_ATTRIBUTE),
                (String) socket.attributes().get(ChatAdmission.AFTER_ATTRIBUTE));
    }

    @Override
    public void onText(WebSocket socket, String text) {
        room.say(socket, text);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        room.leave(socket);
    }
}
