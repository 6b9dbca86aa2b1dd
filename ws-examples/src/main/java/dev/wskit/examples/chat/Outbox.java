package dev.wskit.examples.chat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One member's events on their way out, sent in order by at most one task at a time. A send may
 * block (on the blocking transport a write waits while the peer does not read), so each member
 * waits alone: the room only queues here. A member more than {@link #MAX_BEHIND} behind (queued
 * here and unwritten in its connection) is closed with 1008 (RFC 6455 §7.4.1: a policy of the
 * room) instead of queued for without bound. The close, too, is sent by the member's own task,
 * so the room never waits for a connection busy writing.
 */
final class Outbox {
    /** Far more than a member that keeps up ever has waiting: about a second of a busy room. */
    static final long MAX_BEHIND = 1L << 20;

    private final WebSocket socket;
    private final Executor senders;
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean tooSlow;
    private boolean closeSent;

    Outbox(WebSocket socket, Executor senders) {
        this.socket = socket;
        this.senders = senders;
    }

    /** Queues {@code event}, unless the member fell too far behind: then it is dropped instead. */
    synchronized void offer(String event) {
        if (tooSlow) {
            return;
        }
        if (queuedChars + socket.pendingOutboundBytes() + event.length() > MAX_BEHIND) {
            tooSlow = true;
            queued.clear();
            queuedChars = 0;
        } else {
            queued.add(event);
            queuedChars += event.length();
        }
        if (!sending) {
            sending = true;
            senders.execute(this::sendQueued);
        }
    }

    private void sendQueued() {
        while (true) {
            String event;
            boolean close = false;
            synchronized (this) {
                event = queued.poll();
                if (event != null) {
                    queuedChars -= event.length();
                } else {
                    sending = false;
                    close = tooSlow && !closeSent;
                    closeSent |= close;
                }
            }
            if (event == null) {
                if (close) {
                    socket.close(CloseCode.POLICY_VIOLATION, "too slow to keep up with the room");
                }
                return;
            }
            // Refused (false) once the member's close is under way: its leave follows.
            socket.sendText(event);
        }
    }
}
