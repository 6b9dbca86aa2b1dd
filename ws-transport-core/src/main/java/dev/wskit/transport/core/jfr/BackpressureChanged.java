package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Flow control changed: a peer reads slower than the connection writes. */
@Name("dev.wskit.Backpressure")
@Label("WebSocket Backpressure")
@Category("wskit")
@StackTrace(false)
@Description("PAUSED past the high-water mark, DRAINED back at the low-water mark, DROPPED past the outbound limit")
public final class BackpressureChanged extends ConnectionEvent {
    /** The flow-control state now: {@code PAUSED}, {@code DRAINED} or {@code DROPPED}. */
    @Label("Backpressure")
    @Description("PAUSED, DRAINED or DROPPED")
    public String backpressure;

    /** The bytes the connection held unwritten at the change. */
    @Label("Unwritten Bytes")
    @Description("What the connection held unwritten")
    @DataAmount(DataAmount.BYTES)
    public long unwrittenBytes;

    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public BackpressureChanged() {
    }
}
