package dev.wskit.examples.chat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The people in one chat and what they say. Every change and every broadcast runs on the room's
 * own thread, one at a time in arrival order, so everyone sees the same history and the members
 * need no lock. Handlers only hand events over, which also keeps sends out of transport
 * callbacks: on the blocking transport a callback holds its connection's lock, so two callbacks
 * sending to each other's connection would deadlock.
 */
final class ChatRoom {
    /** Idle this long, the room's thread ends; the next event starts a new one. Nothing to shut down. */
    private static final long IDLE_SECONDS = 10;

    private final ExecutorService thread = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread t = new Thread(task, "wskit-chat-room");
                t.setDaemon(true);
                return t;
            });
    private final Map<WebSocket, String> members = new LinkedHashMap<>(); // the room's thread only

    /** Lets {@code socket} in as {@code name} and tells everyone, the newcomer too; a name in use is refused with 1008. */
    void join(WebSocket socket, String name) {
        thread.execute(() -> {
            if (members.containsValue(name)) {
                socket.close(CloseCode.POLICY_VIOLATION, "name taken");
                return;
            }
            members.put(socket, name);
            broadcast(ChatEvents.join(name, users()));
        });
    }

    /** Passes a member's message to everyone, the sender too, so each page shows it once, in room order. */
    void say(WebSocket socket, String text) {
        thread.execute(() -> {
            String name = members.get(socket);
            if (name != null) {
                broadcast(ChatEvents.message(name, text));
            }
        });
    }

    /** A connection ended; if it had joined, everyone left is told. */
    void leave(WebSocket socket) {
        thread.execute(() -> {
            String name = members.remove(socket);
            if (name != null) {
                broadcast(ChatEvents.leave(name, users()));
            }
        });
    }

    private List<String> users() {
        return new ArrayList<>(members.values());
    }

    private void broadcast(String event) {
        for (WebSocket member : members.keySet()) {
            try {
                member.sendText(event);
            } catch (IllegalStateException closedMeanwhile) {
                // Its close is under way and its leave is queued behind this event.
            }
        }
    }
}
