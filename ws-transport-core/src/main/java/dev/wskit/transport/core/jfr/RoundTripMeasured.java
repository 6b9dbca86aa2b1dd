package dev.wskit.transport.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A pong answered a measuring ping (keepalive or {@code WebSocket.ping()}, RFC 6455 §5.5.3). */
@Name("dev.wskit.RoundTrip")
@Label("WebSocket Round Trip")
@Category("wskit")
@StackTrace(false)
@Description("The round trip of a measuring ping to its pong, and the smoothed value after it (RFC 6298)")
public final class RoundTripMeasured extends ConnectionEvent {
    /** This ping's round trip, in nanoseconds. */
    @Label("Latest")
    @Description("This ping's round trip")
    @Timespan(Timespan.NANOSECONDS)
    public long latest;

    /** The smoothed round trip after this one, in nanoseconds, as TCP's SRTT (RFC 6298). */
    @Label("Smoothed")
    @Description("The smoothed round trip after this one, as TCP's SRTT (RFC 6298)")
    @Timespan(Timespan.NANOSECONDS)
    public long smoothed;

    /** An event with its fields unset: {@link JfrConnectionListener} fills them in and commits it. */
    public RoundTripMeasured() {
    }
}
