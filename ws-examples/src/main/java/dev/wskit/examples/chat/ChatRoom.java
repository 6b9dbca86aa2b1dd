package dev.wskit.examples.chat;

import dev.wskit.cluster.Cluster;
import dev.wskit.cluster.Membership;
import dev.wskit.cluster.PresenceEvent;
import dev.wskit.cluster.SharedRendering;
import dev.wskit.cluster.Subscription;
import dev.wskit.cluster.TopicMessage;
import dev.wskit.cluster.TopicSink;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.engine.PreparedMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The people in one chat and what they say, on this node, with the room itself in a
 * {@link Cluster}: one topic, which every node's members join. What a member says is published to
 * the topic and comes back, with its id, to every member on every node, the sender too, so each
 * page shows it once, in the room's one order; a member that joins with the id of the last
 * message it saw (on a node that has since stopped) first gets what it missed. Who is in the room
 * is the topic's presence, heard from every node ({@link RoomPresence}).
 *
 * <p>Joins, leaves and presence changes run on the room's own thread, one at a time, so the
 * members need no lock. The room never sends itself: each member has an {@link Outbox}, sent from
 * by its own task, so a member that stops reading stalls nobody else (neither the cluster's
 * delivery thread, which only queues there), and one that falls too far behind is closed.
 *
 * <p>Names are reserved apart: an upgrade is decided on its connection's thread and must know at
 * once whether its name is free, so they are reserved there, atomically, in a concurrent set. An
 * accepted upgrade opens at once (its {@code onOpen} runs in the step that decided), so every
 * reserved name gets its member, and the member's leave frees it. A name is unique on its node
 * only: asking the other nodes would hold the upgrade for a round trip to the store.
 */
final class ChatRoom {
    static final String TOPIC = "chat";
    /** Idle this long, a thread ends; the next event starts a new one. Nothing to shut down. */
    private static final long IDLE_SECONDS = 10;
    /** How long a node may take to learn who is in the room when it starts. */
    private static final Duration START = Duration.ofSeconds(10);

    private final Cluster cluster;
    private final ExecutorService thread = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemon("wskit-chat-room"));
    /** As many as members are being sent to at once; a member blocked in a write holds only its own. */
    private final ExecutorService senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("wskit-chat-sender"));
    private final Map<WebSocket, Member> members = new LinkedHashMap<>(); // the room's thread only
    private final RoomPresence presence = new RoomPresence(); // the room's thread only
    /** Each chat line encoded once for every member here. */
    private final SharedRendering lines =
            new SharedRendering(message -> ChatEvents.message(message.sender(), message.payload(), message.id()));
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Subscription watch;

    private static final class Member {
        final String name;
        final Outbox outbox;
        Membership membership;
        /** Told of joins and leaves from its own join on, which it hears first. */
        boolean present;

        Member(String name, Outbox outbox) {
            this.name = name;
            this.outbox = outbox;
        }
    }

    private ChatRoom(Cluster cluster) {
        this.cluster = cluster;
        this.watch = cluster.watchPresence(TOPIC, event -> thread.execute(() -> presenceChanged(event)));
    }

    /**
     * The room in {@code cluster}, once it knows who is in it on the other nodes.
     *
     * @throws IOException when the cluster does not tell within 10 s
     */
    static ChatRoom open(Cluster cluster) throws IOException {
        ChatRoom room = new ChatRoom(cluster);
        try {
            Collection<String> present = room.watch.live().thenCompose(live -> cluster.presence(TOPIC))
                    .toCompletableFuture().get(START.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<Void> read = new CompletableFuture<>();
            room.thread.execute(() -> {
                room.presence.read(present);
                read.complete(null);
            });
            read.get(START.toMillis(), TimeUnit.MILLISECONDS);
            return room;
        } catch (ExecutionException | TimeoutException unknown) {
            room.watch.close();
            throw new IOException("cannot learn who is in the room: " + unknown, unknown);
        } catch (InterruptedException interrupted) {
            room.watch.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while learning who is in the room", interrupted);
        }
    }

    /** Holds {@code name} for a connection about to open; false when someone holds it already. */
    boolean reserve(String name) {
        return names.add(name);
    }

    /** Whether someone on this node holds {@code name}: a member, or a connection opening. */
    boolean isTaken(String name) {
        return names.contains(name);
    }

    /**
     * Lets {@code socket} in under the name its upgrade reserved: it gets the messages after
     * {@code afterId} (all that follow, when {@code null}), and everyone, the newcomer too, hears
     * of its join once the cluster tells it.
     */
    void join(WebSocket socket, String name, String afterId) {
        thread.execute(() -> {
            Member member = new Member(name, new Outbox(socket, senders));
            members.put(socket, member);
            if (presence.contains(name)) {
                // Present already, through a connection its old node has not yet let go (the
                // member resuming here after that node stopped): no join comes, so it is told now.
                member.present = true;
                member.outbox.offer(PreparedMessage.text(ChatEvents.join(name, presence.names())));
            }
            member.membership = cluster.join(TOPIC, name, afterId, sinkOf(member.outbox));
        });
    }

    /** Publishes a member's message to the room on every node. */
    void say(WebSocket socket, String text) {
        thread.execute(() -> {
            Member member = members.get(socket);
            if (member != null) {
                // A publish that fails (the store out of reach past the node's bound) is told to
                // the cluster's listener; the page has nothing to add.
                cluster.publish(TOPIC, member.name, text);
            }
        });
    }

    /** A connection ended; if it had joined, its name is free again here and it leaves the room. */
    void leave(WebSocket socket) {
        thread.execute(() -> {
            Member member = members.remove(socket);
            if (member != null) {
                // Freed first, so whoever sees the leave may take the name at once.
                names.remove(member.name);
                member.membership.close();
            }
        });
    }

    /**
     * Stops hearing the room, once the server has stopped and its members have left: their leaves
     * are handed to the cluster before the watch ends.
     */
    void close() {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        thread.execute(() -> drained.complete(null));
        try {
            drained.get(START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException stuck) {
            // The room's thread never blocks; a close that waits in vain only ends sooner.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        watch.close();
    }

    private void presenceChanged(PresenceEvent event) {
        String name = event.member();
        boolean joined = event.change() == PresenceEvent.Change.JOINED;
        boolean changed = joined ? presence.joined(name) : presence.left(name);
        if (!changed) {
            return;
        }
        if (joined) {
            members.values().stream().filter(member -> member.name.equals(name)).forEach(member -> member.present = true);
        }
        PreparedMessage told = PreparedMessage.text(
                joined ? ChatEvents.join(name, presence.names()) : ChatEvents.leave(name, presence.names()));
        for (Member member : members.values()) {
            if (member.present) {
                // A member whose outbox overflowed is being closed; its leave comes with its onClose.
                member.outbox.offer(told);
            }
        }
    }

    /** The cluster calls a sink on its delivery thread: the outbox only queues, so it never blocks it. */
    private TopicSink sinkOf(Outbox outbox) {
        return new TopicSink() {
            @Override
            public void deliver(TopicMessage message) {
                outbox.offer(lines.of(message));
            }

            @Override
            public void missed(String topic, String lastId) {
                outbox.offer(PreparedMessage.text(ChatEvents.gap(lastId)));
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
