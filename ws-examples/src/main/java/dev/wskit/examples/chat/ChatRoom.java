package dev.wskit.examples.chat;

import dev.wskit.protocol.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The people in one chat and what they say. Every change runs on the room's own thread, one at a
 * time in arrival order, so everyone sees the same history and the members need no lock. Handlers
 * only hand events over. The room never sends itself: each member has an {@link Outbox}, sent
 * from by its own task, so a member that stops reading stalls nobody else, and one that falls too
 * far behind is closed.
 *
 * <p>Names are the exception: an upgrade is decided on its connection's thread and must know at
 * once whether its name is free, so they are reserved there, atomically, in a concurrent set. An
 * accepted upgrade opens at once (its {@code onOpen} runs in the step that decided), so every
 * reserved name gets its member, and the member's leave frees it.
 */
final class ChatRoom {
    /** Idle this long, a thread ends; the next event starts a new one. Nothing to shut down. */
    private static final long IDLE_SECONDS = 10;

    private final ExecutorService thread = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemon("wskit-chat-room"));
    /** As many as members are being sent to at once; a member blocked in a write holds only its own. */
    private final ExecutorService senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("wskit-chat-sender"));
    private final Map<WebSocket, Member> members = new LinkedHashMap<>(); // the room's thread only
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    private record Member(String name, Outbox outbox) {
    }

    /** Holds {@code name} for a connection about to open; false when someone holds it already. */
    boolean reserve(String name) {
        return names.add(name);
    }

    /** Whether someone holds {@code name}: a member, or a connection opening. */
    boolean isTaken(String name) {
        return names.contains(name);
    }

    /** Lets {@code socket} in under the name its upgrade reserved, and tells everyone, the newcomer too. */
    void join(WebSocket socket, String name) {
        thread.execute(() -> {
            members.put(socket, new Member(name, new Outbox(socket, senders)));
            broadcast(ChatEvents.join(name, users()));
        });
    }

    /** Passes a member's message to everyone, the sender too, so each page shows it once, in room order. */
    void say(WebSocket socket, String text) {
        thread.execute(() -> {
            Member member = members.get(socket);
            if (member != null) {
                broadcast(ChatEvents.message(member.name(), text));
            }
        });
    }

    /** A connection ended; if it had joined, its name is free again and everyone left is told. */
    void leave(WebSocket socket) {
        thread.execute(() -> {
            Member member = members.remove(socket);
            if (member != null) {
                // Freed first, so whoever sees the leave may take the name at once.
                names.remove(member.name());
                broadcast(ChatEvents.leave(member.name(), users()));
            }
        });
    }

    private List<String> users() {
        List<String> users = new ArrayList<>();
        members.values().forEach(member -> users.add(member.name()));
        return users;
    }

    /** A member whose outbox overflowed is being closed; its leave comes with its onClose. */
    private void broadcast(String event) {
        for (Member member : members.values()) {
            member.outbox().offer(event);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
