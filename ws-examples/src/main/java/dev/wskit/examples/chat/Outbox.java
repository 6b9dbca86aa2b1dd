package dev.wskit.examples.chat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.engine.PreparedMessage;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One member's events on their way out, sent in order by at most one task at a time. A send may
 * block (on the blocking transport the thread that writes waits while the peer does not read), so
 * each member waits alone: the room only queues here. A member more than {@link #MAX_BEHIND} behind
 * (queued here and unwritten in its connection) is closed with 1008 (RFC 6455 §7.4.1: a policy of
 * the room) instead of queued for without bound; a peer that does not read its close either is
 * dropped at the close timeout. Events come prepared: one chat line is encoded once for the whole
 * room, and every member's connection queues the same bytes.
 */
final class Outbox {
    /** Far more than a member that keeps up ever has waiting: about a second of a busy room. */
    static final long MAX_BEHIND = 1L << 20;

    private final WebSocket socket;
    private final Executor senders;
    private final ArrayDeque<PreparedMessage> queued = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private boolean tooSlow;

    Outbox(WebSocket socket, Executor senders) {
        this.socket = socket;
        this.senders = senders;
    }

    /** Queues {@code event}, unless the member fell too far behind: then it is closed instead. */
    synchronized void offer(PreparedMessage event) {
        if (tooSlow) {
            return;
        }
        if (queuedBytes + socket.pendingOutboundBytes() + event.size() > MAX_BEHIND) {
            tooSlow = true;
            queued.clear();
            queuedBytes = 0;
            socket.close(CloseCode.POLICY_VIOLATION, "too slow to keep up with the room");
            return;
        }
        queued.add(event);
        queuedBytes += event.size();
        if (!sending) {
            sending = true;
            senders.execute(this::sendQueued);
        }
    }

    private void sendQueued() {
        for (PreparedMessage event; (event = next()) != null; ) {
            // Refused (false) once the member's close is under way: its leave follows.
            event.sendTo(socket);
        }
    }

    private synchronized PreparedMessage next() {
        PreparedMessage event = queued.poll();
        if (event == null) {
            sending = false;
        } else {
            queuedBytes -= event.size();
        }
        return event;
    }
}
