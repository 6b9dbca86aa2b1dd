package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A WebSocket connection opened: its opening handshake succeeded. */
@Name("dev.wskit.ConnectionOpened")
@Label("WebSocket Connection Opened")
@Category("wskit")
@StackTrace(false)
@Description("The opening handshake succeeded (RFC 6455 §4)")
public final class ConnectionOpened extends ConnectionEvent {
    /** The subprotocol agreed (RFC 6455 §4.2.2), {@code null} for none. */
    @Label("Subprotocol")
    @Description("The subprotocol agreed, null for none")
    public String subprotocol;

    /** The {@code Sec-WebSocket-Extensions} agreed (RFC 6455 §9.1), {@code null} for none. */
    @Label("Extensions")
    @Description("The Sec-WebSocket-Extensions agreed, null for none")
    public String extensions;

    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public ConnectionOpened() {
    }
}
