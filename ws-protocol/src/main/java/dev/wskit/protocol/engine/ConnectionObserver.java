package dev.wskit.protocol.engine;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.CloseInitiator;
import dev.wskit.protocol.CloseSummary;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.Direction;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.RoundTrip;
import java.util.function.LongSupplier;

/**
 * Tells one connection's {@link ConnectionListener} what the engine does, and keeps what the
 * close summary needs: when it opened, who started the end, the close code, the frame bytes.
 *
 * <p>The byte counts are plain fields added to on every input and output, listener or not: an
 * addition to a field of an object the step touches anyway costs no more than the test whether
 * anyone listens, and keeps one path. The clock is read at the open and at the TCP close only.
 * A message's size is told per message, so only to a listener that hears messages: the halves
 * that see messages hold this observer only then ({@link #messageObserver()}), and otherwise test
 * a field that is {@code null}.
 */
final class ConnectionObserver {
    private final LongSupplier clock;
    private ConnectionListener listener = ConnectionListener.NONE;
    private ConnectionInfo connection;
    private long openedAt;
    private CloseInitiator initiator;
    private int code;
    private String reason = "";
    private boolean closedReported;
    private boolean hearsMessages;
    long bytesIn;
    long bytesOut;

    ConnectionObserver(LongSupplier clock) {
        this.clock = clock;
    }

    void listener(ConnectionListener listener, ConnectionInfo connection) {
        this.listener = listener;
        this.connection = connection;
        try {
            hearsMessages = listener != ConnectionListener.NONE && listener.hearsMessages();
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped, and it hears no messages.
            hearsMessages = false;
        }
    }

    /**
     * This observer, for the sending and receiving halves to tell of each message, or {@code null}
     * when the listener does not hear messages: the halves then test one field per message.
     */
    ConnectionObserver messageObserver() {
        return hearsMessages ? this : null;
    }

    void message(Direction direction, long payloadBytes) {
        try {
            listener.message(connection, direction, payloadBytes);
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped (see ConnectionListener).
        }
    }

    void opened(String subprotocol, String extensions) {
        openedAt = clock.getAsLong();
        try {
            listener.opened(connection, subprotocol, extensions);
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped (see ConnectionListener).
        }
    }

    void handshakeRejected(int status, ProtocolViolation violation) {
        try {
            listener.handshakeRejected(connection, status, violation);
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped (see ConnectionListener).
        }
    }

    void violation(ProtocolViolation violation) {
        try {
            listener.violation(connection, violation);
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped (see ConnectionListener).
        }
    }

    void backpressure(Backpressure backpressure, long unwrittenBytes) {
        try {
            listener.backpressure(connection, backpressure, unwrittenBytes);
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped (see ConnectionListener).
        }
    }

    void roundTrip(RoundTrip roundTrip) {
        try {
            listener.roundTrip(connection, roundTrip);
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped (see ConnectionListener).
        }
    }

    /** Who started the end; the first to start it keeps it. */
    void initiated(CloseInitiator by) {
        if (initiator == null) {
            initiator = by;
        }
    }

    /** The close code and reason the handler is told; the first told keeps them. */
    void closing(int code, String reason) {
        if (this.code == 0) {
            this.code = code;
            this.reason = reason;
        }
    }

    /** TCP of an open connection is closed: the summary, once. */
    void closed(long messagesIn, long messagesOut) {
        if (closedReported || listener == ConnectionListener.NONE) {
            return;
        }
        closedReported = true;
        CloseSummary summary = new CloseSummary(code, reason, initiator, clock.getAsLong() - openedAt,
                bytesIn, bytesOut, messagesIn, messagesOut);
        try {
            listener.closed(connection, summary);
        } catch (RuntimeException dropped) {
            // A listener watches and cannot fail the connection: dropped (see ConnectionListener).
        }
    }
}
