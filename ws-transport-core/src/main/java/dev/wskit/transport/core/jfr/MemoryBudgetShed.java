package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The server's memory budget closed a connection with 1013 to get memory back. */
@Name("dev.wskit.MemoryBudgetShed")
@Label("WebSocket Memory Budget Shed")
@Category("wskit")
@StackTrace(false)
@Description("The server's memory budget ran short and closed this connection with 1013")
public final class MemoryBudgetShed extends ConnectionEvent {
    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public MemoryBudgetShed() {
    }
}
