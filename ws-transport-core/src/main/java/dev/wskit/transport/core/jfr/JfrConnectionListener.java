package dev.wskit.transport.core.jfr;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.CloseSummary;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.RoundTrip;

/**
 * The connections' life as JDK Flight Recorder events (category {@code wskit}, names
 * {@code dev.wskit.*}), recorded only while a JFR recording runs, as every JFR event is. Every
 * server and client built with a wskit builder has it. An event nobody records costs the check of
 * {@link jdk.jfr.Event#isEnabled()}: its fields are filled only when it will be committed.
 */
public final class JfrConnectionListener implements ConnectionListener {
    /** The one instance: it holds no state. */
    public static final JfrConnectionListener INSTANCE = new JfrConnectionListener();

    private JfrConnectionListener() {
    }

    @Override
    public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
        ConnectionOpened event = new ConnectionOpened();
        if (event.isEnabled()) {
            event.describe(connection);
            event.subprotocol = subprotocol;
            event.extensions = extensions;
            event.commit();
        }
    }

    @Override
    public void handshakeRejected(ConnectionInfo connection, int status, ProtocolViolation violation) {
        HandshakeRejected event = new HandshakeRejected();
        if (event.isEnabled()) {
            event.describe(connection);
            event.status = status;
            if (violation != null) {
                event.violation = violation.name();
                event.source = violation.source();
            }
            event.commit();
        }
    }

    @Override
    public void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
        RoundTripMeasured event = new RoundTripMeasured();
        if (event.isEnabled()) {
            event.describe(connection);
            event.latest = roundTrip.latestNanos();
            event.smoothed = roundTrip.smoothedNanos();
            event.commit();
        }
    }

    @Override
    public void violation(ConnectionInfo connection, ProtocolViolation violation) {
        ProtocolViolated event = new ProtocolViolated();
        if (event.isEnabled()) {
            event.describe(connection);
            event.violation = violation.name();
            event.closeCode = violation.closeCode();
            event.source = violation.source();
            event.commit();
        }
        if (violation == ProtocolViolation.KEEPALIVE_TIMEOUT) {
            commit(new KeepaliveTimeout(), connection);
        } else if (violation == ProtocolViolation.MEMORY_BUDGET_EXCEEDED) {
            commit(new MemoryBudgetShed(), connection);
        }
    }

    /**
     * No event per message. Messages come thousands of times more often than connection events,
     * and this listener is on every connection: an event per message, even disabled by default,
     * would make every message of every connection pay a call and a flag check, and, once enabled,
     * would flood a recording (JFR's own threshold is a duration, meaningless for a size). A
     * message size distribution is a histogram's job: {@code ws-metrics-micrometer}'s
     * {@code wskit.message.size}. Connections this listener alone watches pay one branch per message.
     */
    @Override
    public boolean hearsMessages() {
        return false;
    }

    @Override
    public void backpressure(ConnectionInfo connection, Backpressure backpressure, long unwrittenBytes) {
        BackpressureChanged event = new BackpressureChanged();
        if (event.isEnabled()) {
            event.describe(connection);
            event.backpressure = backpressure.name();
            event.unwrittenBytes = unwrittenBytes;
            event.commit();
        }
    }

    @Override
    public void closed(ConnectionInfo connection, CloseSummary summary) {
        ConnectionClosed event = new ConnectionClosed();
        if (event.isEnabled()) {
            event.describe(connection);
            event.code = summary.code();
            event.reason = summary.reason();
            event.initiator = summary.initiator().name();
            event.connectionDuration = summary.durationNanos();
            event.bytesIn = summary.bytesIn();
            event.bytesOut = summary.bytesOut();
            event.messagesIn = summary.messagesIn();
            event.messagesOut = summary.messagesOut();
            event.commit();
        }
    }

    private static void commit(ConnectionEvent event, ConnectionInfo connection) {
        if (event.isEnabled()) {
            event.describe(connection);
            event.commit();
        }
    }
}
