package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A peer did not answer a keepalive ping within the idle timeout and was dropped (RFC 6455 §5.5.2). */
@Name("dev.wskit.KeepaliveTimeout")
@Label("WebSocket Keepalive Timeout")
@Category("wskit")
@StackTrace(false)
@Description("The peer did not answer a keepalive ping and was dropped (1006)")
public final class KeepaliveTimeout extends ConnectionEvent {
    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public KeepaliveTimeout() {
    }
}
