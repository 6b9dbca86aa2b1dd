package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** An opening handshake failed: a rule broken, or the application's upgrade decision rejected it. */
@Name("dev.wskit.HandshakeRejected")
@Label("WebSocket Handshake Rejected")
@Category("wskit")
@StackTrace(false)
@Description("The opening handshake failed; the connection never opened")
public final class HandshakeRejected extends ConnectionEvent {
    /** The HTTP status answered, 0 when none was. */
    @Label("Status")
    @Description("The HTTP status answered, 0 when none was")
    public int status;

    /** The rule broken, {@code null} when the application rejected the request. */
    @Label("Violation")
    @Description("The rule broken, null when the application rejected the request")
    public String violation;

    /**
     * Where the rule comes from (an RFC section), {@code null} when the application rejected the
     * request.
     */
    @Label("Rule Source")
    @Description("Where the rule comes from (an RFC section), null when the application rejected the request")
    public String source;

    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public HandshakeRejected() {
    }
}
