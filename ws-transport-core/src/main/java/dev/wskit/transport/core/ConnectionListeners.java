package dev.wskit.transport.core;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.CloseSummary;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.Direction;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.transport.core.jfr.JfrConnectionListener;

/**
 * The listener every server and client built here gives its connections: the Flight Recorder
 * events, then the application's listener. JFR is always there because an event no recording
 * enabled costs one check of a flag per connection event (never per message or frame), and an
 * operator can then start a recording on a running process ({@code jcmd <pid> JFR.start}) without
 * the application having planned for it.
 */
final class ConnectionListeners implements ConnectionListener {
    private final ConnectionListener first;
    private final ConnectionListener second;

    private final boolean firstHearsMessages;
    private final boolean secondHearsMessages;
    private final boolean hearsMessages;

    private ConnectionListeners(ConnectionListener first, ConnectionListener second) {
        this.first = first;
        this.second = second;
        this.firstHearsMessages = first.hearsMessages();
        this.secondHearsMessages = second.hearsMessages();
        this.hearsMessages = firstHearsMessages || secondHearsMessages;
    }

    /** The JFR events, and {@code application}'s listener unless it is {@link ConnectionListener#NONE}. */
    static ConnectionListener withJfr(ConnectionListener application) {
        return application == ConnectionListener.NONE
                ? JfrConnectionListener.INSTANCE
                : new ConnectionListeners(JfrConnectionListener.INSTANCE, application);
    }

    @Override
    public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
        first.opened(connection, subprotocol, extensions);
        second.opened(connection, subprotocol, extensions);
    }

    @Override
    public void handshakeRejected(ConnectionInfo connection, int status, ProtocolViolation violation) {
        first.handshakeRejected(connection, status, violation);
        second.handshakeRejected(connection, status, violation);
    }

    @Override
    public void violation(ConnectionInfo connection, ProtocolViolation violation) {
        first.violation(connection, violation);
        second.violation(connection, violation);
    }

    @Override
    public void backpressure(ConnectionInfo connection, Backpressure backpressure, long unwrittenBytes) {
        first.backpressure(connection, backpressure, unwrittenBytes);
        second.backpressure(connection, backpressure, unwrittenBytes);
    }

    @Override
    public void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
        first.roundTrip(connection, roundTrip);
        second.roundTrip(connection, roundTrip);
    }

    /** Only one of the two may hear messages: the other is not called for them. */
    @Override
    public boolean hearsMessages() {
        return hearsMessages;
    }

    @Override
    public void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
        if (firstHearsMessages) {
            first.message(connection, direction, payloadBytes);
        }
        if (secondHearsMessages) {
            second.message(connection, direction, payloadBytes);
        }
    }

    @Override
    public void closed(ConnectionInfo connection, CloseSummary summary) {
        first.closed(connection, summary);
        second.closed(connection, summary);
    }
}
