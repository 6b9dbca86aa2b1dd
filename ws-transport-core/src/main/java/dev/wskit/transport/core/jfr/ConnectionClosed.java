package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** An open WebSocket connection's TCP connection closed: how it ended, and what it carried. */
@Name("dev.wskit.ConnectionClosed")
@Label("WebSocket Connection Closed")
@Category("wskit")
@StackTrace(false)
@Description("An open connection ended: close code, who started it, how long it lasted, what it carried")
public final class ConnectionClosed extends ConnectionEvent {
    /** The close code (RFC 6455 §7.4); 1006 when TCP was dropped. */
    @Label("Close Code")
    @Description("The close code (RFC 6455 §7.4); 1006 when TCP was dropped")
    public int code;

    /** The close reason, empty for none. */
    @Label("Reason")
    @Description("The close reason")
    public String reason;

    /**
     * {@code LOCAL} or {@code REMOTE}: who sent the first close frame; {@code ABORT}: TCP dropped
     * without one.
     */
    @Label("Initiator")
    @Description("LOCAL or REMOTE: who sent the first close frame; ABORT: TCP dropped without one")
    public String initiator;

    /** Nanoseconds from the open to the TCP close. */
    @Label("Connection Duration")
    @Description("From the open to the TCP close")
    @Timespan(Timespan.NANOSECONDS)
    public long connectionDuration;

    /** Frame bytes read from the peer. */
    @Label("Bytes In")
    @Description("Frame bytes read from the peer")
    @DataAmount(DataAmount.BYTES)
    public long bytesIn;

    /** Frame bytes written to the peer. */
    @Label("Bytes Out")
    @Description("Frame bytes written to the peer")
    @DataAmount(DataAmount.BYTES)
    public long bytesOut;

    /** Data messages received. */
    @Label("Messages In")
    @Description("Data messages received")
    public long messagesIn;

    /** Data messages sent. */
    @Label("Messages Out")
    @Description("Data messages sent")
    public long messagesOut;

    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public ConnectionClosed() {
    }
}
