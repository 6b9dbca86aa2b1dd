package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An open connection failed on a broken rule. A keepalive timeout and a memory-budget shed are
 * recorded as their own events besides ({@link KeepaliveTimeout}, {@link MemoryBudgetShed}).
 */
@Name("dev.wskit.ProtocolViolation")
@Label("WebSocket Protocol Violation")
@Category("wskit")
@StackTrace(false)
@Description("An open connection failed on a broken rule and was closed with its code")
public final class ProtocolViolated extends ConnectionEvent {
    /** The rule broken. */
    @Label("Violation")
    @Description("The rule broken")
    public String violation;

    /** The close code sent; 1006: dropped without a close frame. */
    @Label("Close Code")
    @Description("The close code sent; 1006: dropped without a close frame")
    public int closeCode;

    /** Where the rule comes from (an RFC section). */
    @Label("Rule Source")
    @Description("Where the rule comes from (an RFC section)")
    public String source;

    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public ProtocolViolated() {
    }
}
