package dev.wskit.transport.core.trace;

/**
 * The kinds of record in a wire trace. Inputs that reach a connection from outside (bytes read,
 * a timer, the transport closing, a call of the application outside any callback) carry the
 * time they happened; everything else happened inside the step the last timed record began.
 */
public enum TraceKind {
    /** The transport is up (its peer and our address in the header). */
    START(true),
    /** Bytes read from the peer. */
    IN(true),
    /** The connection's timer fired. */
    WAKE(true),
    /** The transport wrote some of what it held. */
    PROGRESS(true),
    /** The TCP connection ended. */
    CLOSED(true),
    /** The memory budget chose this connection to give way. */
    SHED(true),
    /** An upgrade decision that came later arrived (or failed). */
    DECIDED(true),
    /** A call of the application outside any callback (another thread's send, run by the owner). */
    CALL(true),
    /** A call of the application inside the callback before it. */
    CALL_IN_CALLBACK(false),
    /** A callback of the application's handler, as {@link TraceEvents} describes it. */
    EVENT(false),
    /** The callback before it threw. */
    THREW(false),
    /** The upgrade decider's answer. */
    DECISION(false),
    /** The origin policy's verdict. */
    ORIGIN(false),
    /** The HTTP handler's answer to a plain request. */
    HTTP_ANSWER(false),
    /** The memory budget's answer to a reservation. */
    RESERVE(false),
    /** The bytes the transport held unwritten, when the lifecycle asked. */
    UNWRITTEN(false),
    /** Bytes the engine queued for the wire. */
    OUT(false),
    /** The trace reached its size bound here: nothing after it was recorded. */
    TRUNCATED(true),
    /** The connection's course is over: the trace is complete. */
    END(false);

    private final boolean timed;

    TraceKind(boolean timed) {
        this.timed = timed;
    }

    /** Whether the record carries the time it happened. */
    public boolean isTimed() {
        return timed;
    }
}
