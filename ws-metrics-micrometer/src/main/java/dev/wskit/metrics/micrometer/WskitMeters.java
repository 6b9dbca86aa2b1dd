package dev.wskit.metrics.micrometer;

/**
 * The names and tag keys of the meters {@link MicrometerConnectionListener} keeps, in Micrometer's
 * convention (dot-separated, lowercase; a registry renders them its own way, Prometheus as
 * {@code wskit_connections_open}, {@code wskit_handshakes_total}, ...). Every meter carries
 * {@link #TRANSPORT} and {@link #ROLE}, then its own keys; a tag's value is the engine's own name
 * for it ({@code netty}, {@code SERVER}, {@code REMOTE}, {@code UNMASKED_CLIENT_FRAME}).
 */
public final class WskitMeters {
    /** Gauge: connections open now (opened, TCP not yet closed). */
    public static final String CONNECTIONS_OPEN = "wskit.connections.open";
    /** Counter: opening handshakes, by {@link #OUTCOME}, {@link #STATUS} and {@link #VIOLATION}. */
    public static final String HANDSHAKES = "wskit.handshakes";
    /** Counter: closed connections, by close {@link #CODE} and {@link #INITIATOR}. */
    public static final String CLOSES = "wskit.closes";
    /** Counter: connections failed on a broken rule, by {@link #RULE} and the close {@link #CODE} it was answered with. */
    public static final String VIOLATIONS = "wskit.violations";
    /** Counter: complete data messages, by {@link #DIRECTION}; added when the connection closes. */
    public static final String MESSAGES = "wskit.messages";
    /** Counter: WebSocket frame bytes (control frames included), by {@link #DIRECTION}; added when the connection closes. */
    public static final String FRAME_BYTES = "wskit.frame.bytes";
    /** Timer: how long connections lasted, from the open to the TCP close. */
    public static final String CONNECTION_DURATION = "wskit.connection.duration";
    /**
     * Timer: the round trip of each measuring ping (keepalive or {@code WebSocket.ping()}) to its
     * pong: slow peers show here before a keepalive timeout drops them.
     */
    public static final String ROUND_TRIP = "wskit.round.trip";
    /**
     * Distribution summary (bytes): the size of each complete data message, by {@link #DIRECTION},
     * as the application sees it (text as UTF-8, fragments added up, after inflation or before
     * deflation). Count and total by default; percentiles or a histogram as the application's
     * {@code MeterFilter} configures them.
     */
    public static final String MESSAGE_SIZE = "wskit.message.size";
    /** Counter: flow-control changes, by {@link #EVENT} ({@code PAUSED}, {@code DRAINED}, {@code DROPPED}). */
    public static final String BACKPRESSURE = "wskit.backpressure";

    /** The transport's name: {@code blocking}, {@code netty}, {@code vertx}, or a transport's own. */
    public static final String TRANSPORT = "transport";
    /** This end's role: {@code SERVER} or {@code CLIENT}. */
    public static final String ROLE = "role";
    /** A handshake's outcome: {@link #ACCEPTED} or {@link #REJECTED}. */
    public static final String OUTCOME = "outcome";
    /** A handshake's HTTP status: {@code 101} when accepted, the refusal's (a client's is the server's), or {@code 0} for a client that got no answer or an invalid {@code 101}. */
    public static final String STATUS = "status";
    /** The rule a rejected handshake broke, or {@link #NONE} (accepted, or the application's decision refused it). */
    public static final String VIOLATION = "violation";
    /** A close code, as a number. */
    public static final String CODE = "code";
    /** Who started the end: {@code LOCAL}, {@code REMOTE} or {@code ABORT}. */
    public static final String INITIATOR = "initiator";
    /** The broken rule, a {@code ProtocolViolation}'s name. */
    public static final String RULE = "rule";
    /** {@link #IN} (from the peer) or {@link #OUT} (to the peer). */
    public static final String DIRECTION = "direction";
    /** A {@code Backpressure}'s name. */
    public static final String EVENT = "event";

    /** {@link #OUTCOME} of a handshake that opened the connection. */
    public static final String ACCEPTED = "ACCEPTED";
    /** {@link #OUTCOME} of a handshake that did not. */
    public static final String REJECTED = "REJECTED";
    /** {@link #VIOLATION} when no rule was broken: Prometheus wants every series of a name to have the same keys. */
    public static final String NONE = "NONE";
    /** {@link #DIRECTION} from the peer. */
    public static final String IN = "in";
    /** {@link #DIRECTION} to the peer. */
    public static final String OUT = "out";

    private WskitMeters() {
    }
}
