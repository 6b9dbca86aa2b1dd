package dev.wskit.protocol.engine;

import dev.wskit.protocol.WebSocketConfig;
import java.util.function.LongSupplier;

/**
 * The deadlines of one connection, on the clock the transport gave the engine: the opening
 * handshake (on a server, each request before it), keepalive (RFC 6455 §5.5.2: ping an idle peer,
 * then give up on it), the time one incoming message may take, and the closing handshake (RFC 6455
 * §7.1.1). Only says what is due; {@link WebSocketEngine} decides what
 * follows. A zero duration in {@link WebSocketConfig} turns that deadline off.
 */
final class ConnectionTimers {
    /** No wake-up wanted. */
    static final long NONE = Long.MAX_VALUE;

    /** What a wake-up found due. */
    enum Due {
        NOTHING, HANDSHAKE_TIMEOUT, KEEPALIVE_PING, KEEPALIVE_TIMEOUT, MESSAGE_TIMEOUT, CLOSE_TIMEOUT
    }

    private final LongSupplier clock;
    /** The durations, read from here when needed rather than copied: four fields less per connection. */
    private final WebSocketConfig config;
    /** The end of the time the message under way may take, or {@link #NONE} between messages. */
    private long messageDeadline = NONE;
    private long handshakeDeadline;
    private long closeDeadline = NONE;
    /** Keepalive: the last input, or the keepalive ping, whichever a deadline runs from. */
    private long keepaliveFrom;
    private boolean keepaliveOn;
    /** The application holds reading paused: the peer's input, its pongs too, cannot be read. */
    private boolean readingPaused;
    private boolean pingOutstanding;

    ConnectionTimers(WebSocketConfig config, LongSupplier clock) {
        this.clock = clock;
        this.config = config;
        awaitingRequest();
    }

    /**
     * A server waits for a request: the connection's first, or the next after a plain one was
     * answered. It gets the whole handshake timeout again, so one bound covers both a slow
     * request and an idle kept-alive connection.
     */
    void awaitingRequest() {
        handshakeDeadline = handshakeNanos() == 0 ? NONE : clock.getAsLong() + handshakeNanos();
    }

    /** The opening handshake succeeded: keepalive starts, if configured. */
    void opened() {
        handshakeDeadline = NONE;
        if (idleNanos() > 0) {
            keepaliveOn = true;
            keepaliveFrom = clock.getAsLong();
        }
    }

    /** Bytes arrived: the peer is alive. Reads the clock only when keepalive is on. */
    void inputArrived() {
        if (keepaliveOn) {
            pingOutstanding = false;
            keepaliveFrom = clock.getAsLong();
        }
    }

    /**
     * After each input on an open connection: whether the peer is in the middle of a message.
     * Its time runs from the first input that left one unfinished; reads the clock only then.
     */
    void messageInProgress(boolean inProgress) {
        if (!inProgress) {
            messageDeadline = NONE;
        } else if (messageDeadline == NONE && messageNanos() > 0) {
            messageDeadline = clock.getAsLong() + messageNanos();
        }
    }

    /**
     * The application paused or resumed reading. Keepalive proves the peer alive by its input
     * (RFC 6455 §5.5.2), which cannot be read while paused, so the idle clock stops meanwhile and
     * starts again from the resume: a paused connection is not dropped for the silence it imposed.
     * Its memory stays bounded by {@link WebSocketConfig#maxOutboundBytes()} all the same.
     */
    void readingPaused(boolean paused) {
        if (readingPaused && !paused) {
            if (keepaliveOn) {
                pingOutstanding = false;
                keepaliveFrom = clock.getAsLong();
            }
            // The message under way could not arrive meanwhile: it gets its whole time again.
            if (messageDeadline != NONE) {
                messageDeadline = clock.getAsLong() + messageNanos();
            }
        }
        readingPaused = paused;
    }

    /**
     * A close is under way (ours sent, or the TCP connection ending): the peer gets one
     * {@link WebSocketConfig#closeTimeout()} from the first such moment to finish it.
     */
    void closing() {
        handshakeDeadline = NONE;
        messageDeadline = NONE;
        keepaliveOn = false;
        if (closeDeadline == NONE && closeNanos() > 0) {
            closeDeadline = clock.getAsLong() + closeNanos();
        }
    }

    /** Nothing is left to wait for. */
    void stop() {
        handshakeDeadline = NONE;
        messageDeadline = NONE;
        closeDeadline = NONE;
        keepaliveOn = false;
    }

    /** The earliest instant something may be due, or {@link #NONE}. */
    long next() {
        long keepalive = keepaliveOn && !readingPaused ? keepaliveFrom + idleNanos() : NONE;
        long message = readingPaused ? NONE : messageDeadline;
        return Math.min(Math.min(handshakeDeadline, message), Math.min(closeDeadline, keepalive));
    }

    /** What is due now, at most one thing, spent once reported. */
    Due due() {
        long now = clock.getAsLong();
        if (handshakeDeadline != NONE && now - handshakeDeadline >= 0) {
            handshakeDeadline = NONE;
            return Due.HANDSHAKE_TIMEOUT;
        }
        if (closeDeadline != NONE && now - closeDeadline >= 0) {
            closeDeadline = NONE;
            return Due.CLOSE_TIMEOUT;
        }
        if (messageDeadline != NONE && !readingPaused && now - messageDeadline >= 0) {
            messageDeadline = NONE;
            return Due.MESSAGE_TIMEOUT;
        }
        if (keepaliveOn && !readingPaused && now - (keepaliveFrom + idleNanos()) >= 0) {
            if (pingOutstanding) {
                keepaliveOn = false;
                return Due.KEEPALIVE_TIMEOUT;
            }
            pingOutstanding = true;
            keepaliveFrom = now;
            return Due.KEEPALIVE_PING;
        }
        return Due.NOTHING;
    }

    private long idleNanos() {
        return config.idleTimeout().toNanos();
    }

    private long closeNanos() {
        return config.closeTimeout().toNanos();
    }

    private long handshakeNanos() {
        return config.handshakeTimeout().toNanos();
    }

    private long messageNanos() {
        return config.messageTimeout().toNanos();
    }
}
