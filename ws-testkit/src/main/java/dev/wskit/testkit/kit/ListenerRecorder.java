package dev.wskit.testkit.kit;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.CloseSummary;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.Direction;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.RoundTrip;
import java.net.InetSocketAddress;

/**
 * A {@link ConnectionListener} recording every event as a note, as {@link Events} says:
 * {@code "opened:<transport>:<role>:<peer>:<subprotocol>:<extensions>"} (the peer is
 * {@code loopback} when its address is), {@code "rejected:<status>:<violation>"},
 * {@code "violation:<violation>:<close code>"}, {@code "backpressure:<kind>"},
 * {@code "roundTrip"} (its time depends on the machine), {@code "message:<IN|OUT>:<payload bytes>"}
 * and {@code "closed:<code>:<reason>:<initiator>:in=<bytes>/<messages>:out=<bytes>/<messages>"}. A
 * close whose duration is negative is recorded as {@code "closed with a negative duration"}, and
 * so is a round trip as {@code "roundTrip with a negative time"}.
 */
public final class ListenerRecorder extends Events implements ConnectionListener {

    ListenerRecorder(String owner) {
        super(owner);
    }

    @Override
    public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
        note("opened:" + connection.transport() + ":" + connection.role() + ":" + peer(connection) + ":" + subprotocol
                + ":" + extensions);
    }

    @Override
    public void handshakeRejected(ConnectionInfo connection, int status, ProtocolViolation violation) {
        note("rejected:" + status + ":" + violation);
    }

    @Override
    public void violation(ConnectionInfo connection, ProtocolViolation violation) {
        note("violation:" + violation + ":" + violation.closeCode());
    }

    @Override
    public void backpressure(ConnectionInfo connection, Backpressure backpressure, long unwrittenBytes) {
        note("backpressure:" + backpressure);
    }

    @Override
    public void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
        note(roundTrip.latestNanos() < 0 || roundTrip.smoothedNanos() < 0 ? "roundTrip with a negative time" : "roundTrip");
    }

    @Override
    public void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
        note("message:" + direction + ":" + payloadBytes);
    }

    @Override
    public void closed(ConnectionInfo connection, CloseSummary summary) {
        if (summary.durationNanos() < 0) {
            note("closed with a negative duration");
            return;
        }
        note("closed:" + summary.code() + ":" + summary.reason() + ":" + summary.initiator()
                + ":in=" + summary.bytesIn() + "/" + summary.messagesIn()
                + ":out=" + summary.bytesOut() + "/" + summary.messagesOut());
    }

    private static String peer(ConnectionInfo connection) {
        return connection.remoteAddress() instanceof InetSocketAddress address && address.getAddress().isLoopbackAddress()
                ? "loopback"
                : String.valueOf(connection.remoteAddress());
    }
}
