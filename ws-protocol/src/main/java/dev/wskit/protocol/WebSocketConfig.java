package dev.wskit.protocol;

import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.internal.HttpSyntax;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Every setting of a connection, immutable, shared by all transports so a configuration moves
 * between them unchanged. Each limit has a safe default, given with its reason below.
 */
public final class WebSocketConfig {
    private static final int MIB = 1024 * 1024;

    private final int maxHandshakeBytes;
    private final int maxHttpBodyBytes;
    private final int maxFramePayload;
    private final int maxMessageSize;
    private final int maxFragmentsPerMessage;
    private final long maxOutboundBytes;
    private final long outboundHighWaterMark;
    private final long outboundLowWaterMark;
    private final int maxOutgoingFrameSize;
    private final boolean autoPong;
    private final MessageDelivery delivery;
    private final List<String> subprotocols;
    private final Predicate<String> originPolicy;
    private final HttpRequestHandler httpHandler;
    private final Random random;
    private final Duration handshakeTimeout;
    private final Duration closeTimeout;
    private final Duration idleTimeout;
    private final Duration messageTimeout;
    private final PerMessageDeflateConfig perMessageDeflate;

    private WebSocketConfig(Builder b) {
        this.maxHandshakeBytes = b.maxHandshakeBytes;
        this.maxHttpBodyBytes = b.maxHttpBodyBytes;
        this.maxFramePayload = b.maxFramePayload;
        this.maxMessageSize = b.maxMessageSize;
        this.maxFragmentsPerMessage = b.maxFragmentsPerMessage;
        this.maxOutboundBytes = b.maxOutboundBytes;
        this.outboundHighWaterMark = b.outboundHighWaterMark;
        this.outboundLowWaterMark = b.outboundLowWaterMark;
        this.maxOutgoingFrameSize = b.maxOutgoingFrameSize;
        this.autoPong = b.autoPong;
        this.delivery = b.delivery;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.originPolicy = b.originPolicy;
        this.httpHandler = b.httpHandler;
        this.random = b.random;
        this.handshakeTimeout = b.handshakeTimeout;
        this.closeTimeout = b.closeTimeout;
        this.idleTimeout = b.idleTimeout;
        this.messageTimeout = b.messageTimeout;
        this.perMessageDeflate = b.perMessageDeflate;
    }

    /**
     * The defaults.
     *
     * @return a configuration with every setting at its default, as {@code builder().build()}
     */
    public static WebSocketConfig defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder whose every setting is at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these settings.
     *
     * @return a new builder holding every setting of this configuration; changing it leaves this
     *     one as it is
     */
    public Builder toBuilder() {
        return new Builder()
                .maxHandshakeBytes(maxHandshakeBytes)
                .maxHttpBodyBytes(maxHttpBodyBytes)
                .maxFramePayload(maxFramePayload)
                .maxMessageSize(maxMessageSize)
                .maxFragmentsPerMessage(maxFragmentsPerMessage)
                .maxOutboundBytes(maxOutboundBytes)
                .maxOutgoingFrameSize(maxOutgoingFrameSize)
                .autoPong(autoPong)
                .delivery(delivery)
                .subprotocols(subprotocols)
                .originPolicy(originPolicy)
                .httpHandler(httpHandler)
                .random(random)
                .handshakeTimeout(handshakeTimeout)
                .closeTimeout(closeTimeout)
                .idleTimeout(idleTimeout)
                .messageTimeout(messageTimeout)
                .perMessageDeflate(perMessageDeflate);
    }

    /**
     * Bytes of the HTTP head (request or response line and headers); above it: 431. Default 8 KiB.
     *
     * @return the limit in bytes, at least 1
     */
    public int maxHandshakeBytes() {
        return maxHandshakeBytes;
    }

    /**
     * Server: bytes of a plain request's body ({@code Content-Length}) that the
     * {@link #httpHandler()} may be given; above it: 413, and the connection closes. Default
     * 64 KiB: enough for a form or an API call, and a bound on what a peer can make us hold.
     *
     * @return the limit in bytes, at least 1
     */
    public int maxHttpBodyBytes() {
        return maxHttpBodyBytes;
    }

    /**
     * Largest frame payload accepted, checked at the frame's header before any of its payload is
     * awaited; above it: close 1009. Default 1 MiB: no larger than the default message, sixteen
     * times Netty's, Vert.x's and Jetty's 64 KiB, and a sixteenth of tungstenite's 16 MiB.
     *
     * @return the limit in bytes, at least 1
     */
    public int maxFramePayload() {
        return maxFramePayload;
    }

    /**
     * Largest reassembled message accepted in {@link MessageDelivery#WHOLE} mode, counted at each
     * frame's header for a plain message and on the inflated bytes as they appear for a
     * compressed one (RFC 7692 §8.1); above it: close 1009. Default 1 MiB: what one connection may
     * make the server hold for a message. Ample for JSON, chat and ordinary documents (Vert.x
     * allows 256 KiB, Jetty 64 KiB), while 1,000 connections sending one at once still fit in a
     * gigabyte; an application that receives larger messages says so here, or streams them with
     * {@link MessageDelivery#FRAGMENTS}.
     *
     * @return the limit in bytes, at least 1
     */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Most frames one message may come in, its first frame included; the frame past it is
     * answered with close 1009 ({@link ProtocolViolation#TOO_MANY_FRAGMENTS}), at its header.
     * The size limits cannot bound this: a message of empty or one-byte continuation frames
     * grows by nothing, while every frame still costs a header to decode and, in
     * {@link MessageDelivery#FRAGMENTS} mode, a handler call; a peer could keep one message
     * going for ever and the application never see it end. Applies in both delivery modes, so
     * a message streamed with {@code FRAGMENTS} is bounded by this times
     * {@link #maxFramePayload()} (4 GiB by default). Default 4,096: browsers send a message as
     * one frame or a few, and gorilla/websocket, which flushes a frame each time its 4 KiB write
     * buffer fills, sends a message of the default 1 MiB limit in about 256, so an application
     * may raise {@link #maxMessageSize()} several times over before it meets this limit too.
     *
     * @return the limit as a number of frames, at least 1
     */
    public int maxFragmentsPerMessage() {
        return maxFragmentsPerMessage;
    }

    /**
     * Outbound bytes a transport may hold for a peer that does not read; above it the transport
     * closes the connection. Default 4 MiB: room for four messages of the default largest size
     * waiting on a slow reader, and what one stalled peer can cost is four times less than it
     * was (Netty, Vert.x and tungstenite bound nothing here by default). Flow control
     * ({@link #outboundHighWaterMark()}, {@link WebSocketHandler#onDrain}) is how a sender keeps
     * below it; an application that sends larger messages raises it with them.
     *
     * @return the limit in bytes, at least 1
     */
    public long maxOutboundBytes() {
        return maxOutboundBytes;
    }

    /**
     * Flow control: once the bytes a connection holds unwritten (the engine's queue and the
     * transport's) pass this mark, the transport stops reading from the peer, and the handler is
     * told {@link WebSocketHandler#onDrain} when they fall back to {@link #outboundLowWaterMark()}.
     * Default 64 KiB, as Netty's channel writability.
     *
     * @return the high water mark in bytes, above {@link #outboundLowWaterMark()}
     */
    public long outboundHighWaterMark() {
        return outboundHighWaterMark;
    }

    /**
     * Where a connection past {@link #outboundHighWaterMark()} counts as drained. Default 32 KiB.
     *
     * @return the low water mark in bytes, at least 0 and below {@link #outboundHighWaterMark()}
     */
    public long outboundLowWaterMark() {
        return outboundLowWaterMark;
    }

    /**
     * Outgoing messages larger than this are sent as several frames. Default: never split.
     *
     * @return the largest payload of one outgoing data frame in bytes, at least 1;
     *     {@link Integer#MAX_VALUE} when messages are never split
     */
    public int maxOutgoingFrameSize() {
        return maxOutgoingFrameSize;
    }

    /**
     * Whether a ping is answered by the engine with a pong (RFC 6455 §5.5.2). Default on.
     *
     * @return {@code true} when the engine answers every ping itself, {@code false} when the
     *     handler must
     */
    public boolean autoPong() {
        return autoPong;
    }

    /**
     * How data messages reach the handler: whole (the default) or as their frames arrive.
     *
     * @return the delivery mode, never {@code null}
     */
    public MessageDelivery delivery() {
        return delivery;
    }

    /**
     * On the server, the subprotocols it speaks, in its order of preference; on the client, the
     * ones it offers (RFC 6455 §4.1, §4.2.2). Default none.
     *
     * @return the subprotocol names, each an HTTP token (RFC 6455 §4.1); an unmodifiable list,
     *     empty for none
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * Server: decides from the {@code Origin} header ({@code null} when absent) whether to accept;
     * a refusal is answered {@code 403}. Default: every origin.
     *
     * @return the policy, never {@code null}; it is given the {@code Origin} value, or {@code null}
     *     when the request has none
     */
    public Predicate<String> originPolicy() {
        return originPolicy;
    }

    /**
     * Server: answers requests that are not WebSocket upgrades, several on one connection when the
     * client keeps it open (RFC 9112 §9.3); {@code null} (default) answers them 426 and closes.
     *
     * @return the handler, or {@code null} when such requests are answered 426
     */
    public HttpRequestHandler httpHandler() {
        return httpHandler;
    }

    /**
     * Client: the source of handshake keys and masking keys (RFC 6455 §10.3). Default
     * {@link SecureRandom}.
     *
     * @return the source of randomness, never {@code null}
     */
    public Random random() {
        return random;
    }

    /**
     * A transport drops a peer whose opening handshake takes longer; where the {@link #httpHandler()}
     * answered a request, the next one must come within it too, or the connection closes. Default
     * 10 s; {@link Duration#ZERO} turns it off.
     *
     * @return the timeout, never negative; {@link Duration#ZERO} when off
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * A transport drops a peer that does not answer our close within this, and a client stops
     * waiting for the server to close TCP. Default 5 s; {@link Duration#ZERO} turns it off.
     *
     * @return the timeout, never negative; {@link Duration#ZERO} when off
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * After this long without input a transport sends a keepalive ping, and after as long again
     * without input it drops the peer. {@link Duration#ZERO} (default) turns keepalive off.
     *
     * @return the idle time before a keepalive ping, never negative; {@link Duration#ZERO} when
     *     keepalive is off
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * How long one incoming message (or control frame) may take from its first byte to its last:
     * a peer that starts a message and then trickles it, or stops, would otherwise hold its
     * buffer for as long as it keeps the connection. Past it the connection is closed with
     * {@code 1008}. It does not run while the application holds reading paused. Default 60 s;
     * {@link Duration#ZERO} turns it off.
     *
     * @return the timeout, never negative; {@link Duration#ZERO} when off
     */
    public Duration messageTimeout() {
        return messageTimeout;
    }

    /**
     * permessage-deflate (RFC 7692): offered by a client, accepted by a server; {@code null}
     * (default) turns compression off.
     *
     * @return the permessage-deflate settings, or {@code null} when compression is off
     */
    public PerMessageDeflateConfig perMessageDeflate() {
        return perMessageDeflate;
    }

    /** Builds a {@link WebSocketConfig}; every setter checks its argument at once. */
    public static final class Builder {
        private int maxHandshakeBytes = 8 * 1024;
        private int maxHttpBodyBytes = 64 * 1024;
        private int maxFramePayload = MIB;
        private int maxMessageSize = MIB;
        private int maxFragmentsPerMessage = 4096;
        private long maxOutboundBytes = 4L * MIB;
        private long outboundHighWaterMark = 64 * 1024;
        private long outboundLowWaterMark = 32 * 1024;
        private int maxOutgoingFrameSize = Integer.MAX_VALUE;
        private boolean autoPong = true;
        private MessageDelivery delivery = MessageDelivery.WHOLE;
        private List<String> subprotocols = List.of();
        private Predicate<String> originPolicy = origin -> true;
        private HttpRequestHandler httpHandler;
        private Random random = new SecureRandom();
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ZERO;
        private Duration messageTimeout = Duration.ofSeconds(60);
        private PerMessageDeflateConfig perMessageDeflate;

        private Builder() {
        }

        /**
         * Sets {@link WebSocketConfig#maxHandshakeBytes()}.
         *
         * @param bytes the limit in bytes; must be at least 1
         * @return this builder
         */
        public Builder maxHandshakeBytes(int bytes) {
            this.maxHandshakeBytes = positive(bytes, "maxHandshakeBytes");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#maxHttpBodyBytes()}.
         *
         * @param bytes the limit in bytes; must be at least 1
         * @return this builder
         */
        public Builder maxHttpBodyBytes(int bytes) {
            this.maxHttpBodyBytes = positive(bytes, "maxHttpBodyBytes");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#maxFramePayload()}.
         *
         * @param bytes the limit in bytes; must be at least 1
         * @return this builder
         */
        public Builder maxFramePayload(int bytes) {
            this.maxFramePayload = positive(bytes, "maxFramePayload");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#maxMessageSize()}.
         *
         * @param bytes the limit in bytes; must be at least 1
         * @return this builder
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = positive(bytes, "maxMessageSize");
            return this;
        }

        /**
         * Frames one message may come in, its first included; at least 1.
         *
         * @param frames the limit as a number of frames; must be at least 1
         * @return this builder
         */
        public Builder maxFragmentsPerMessage(int frames) {
            this.maxFragmentsPerMessage = positive(frames, "maxFragmentsPerMessage");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#maxOutboundBytes()}.
         *
         * @param bytes the limit in bytes; must be at least 1
         * @return this builder
         */
        public Builder maxOutboundBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxOutboundBytes must be positive: " + bytes);
            }
            this.maxOutboundBytes = bytes;
            return this;
        }

        /**
         * The high and low water marks of {@link WebSocketConfig#outboundHighWaterMark()}; low
         * below high.
         *
         * @param low bytes held unwritten at or below which a paused connection counts as drained;
         *     at least 0
         * @param high bytes held unwritten above which reading stops; greater than {@code low}
         * @return this builder
         */
        public Builder outboundWaterMarks(long low, long high) {
            if (low < 0 || high <= low) {
                throw new IllegalArgumentException("outbound water marks need 0 <= low < high: " + low + ", " + high);
            }
            this.outboundLowWaterMark = low;
            this.outboundHighWaterMark = high;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#maxOutgoingFrameSize()}.
         *
         * @param bytes the largest payload of one outgoing data frame; must be at least 1. A larger
         *     message goes out as a first frame and continuation frames (RFC 6455 §5.4)
         * @return this builder
         */
        public Builder maxOutgoingFrameSize(int bytes) {
            this.maxOutgoingFrameSize = positive(bytes, "maxOutgoingFrameSize");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#autoPong()}.
         *
         * @param autoPong {@code true} to let the engine answer each ping with a pong carrying the
         *     same payload (RFC 6455 §5.5.3); {@code false} to leave the answer to the handler
         * @return this builder
         */
        public Builder autoPong(boolean autoPong) {
            this.autoPong = autoPong;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#delivery()}.
         *
         * @param delivery the delivery mode; not {@code null}
         * @return this builder
         */
        public Builder delivery(MessageDelivery delivery) {
            this.delivery = Objects.requireNonNull(delivery, "delivery");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#subprotocols()}.
         *
         * @param subprotocols the names, in order of preference; each must be an HTTP token (RFC
         *     6455 §4.1, RFC 9110 §5.6.2), or an {@link IllegalArgumentException} is thrown
         * @return this builder
         */
        public Builder subprotocols(List<String> subprotocols) {
            this.subprotocols = HttpSyntax.subprotocols(subprotocols);
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#subprotocols()}.
         *
         * @param subprotocols the names, in order of preference; each must be an HTTP token (RFC
         *     6455 §4.1, RFC 9110 §5.6.2), or an {@link IllegalArgumentException} is thrown
         * @return this builder
         */
        public Builder subprotocols(String... subprotocols) {
            return subprotocols(List.of(subprotocols));
        }

        /**
         * Sets {@link WebSocketConfig#originPolicy()}.
         *
         * @param originPolicy tested with the request's {@code Origin} value ({@code null} when
         *     absent, RFC 6455 §4.2.1 item 7, §10.2); {@code true} accepts. Not {@code null}
         * @return this builder
         */
        public Builder originPolicy(Predicate<String> originPolicy) {
            this.originPolicy = Objects.requireNonNull(originPolicy, "originPolicy");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#httpHandler()}.
         *
         * @param httpHandler the handler for plain HTTP requests, or {@code null} to answer them
         *     426
         * @return this builder
         */
        public Builder httpHandler(HttpRequestHandler httpHandler) {
            this.httpHandler = httpHandler;
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#random()}.
         *
         * @param random the source of handshake keys and masking keys; not {@code null}, and for
         *     masking to protect intermediaries it must be unpredictable (RFC 6455 §5.3)
         * @return this builder
         */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#handshakeTimeout()}.
         *
         * @param timeout the timeout; not negative, {@link Duration#ZERO} turns it off
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = nonNegative(timeout, "handshakeTimeout");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#closeTimeout()}.
         *
         * @param timeout the timeout; not negative, {@link Duration#ZERO} turns it off
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = nonNegative(timeout, "closeTimeout");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#idleTimeout()}.
         *
         * @param timeout the idle time before a keepalive ping; not negative, {@link Duration#ZERO}
         *     turns keepalive off
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#messageTimeout()}.
         *
         * @param timeout the timeout; not negative, {@link Duration#ZERO} turns it off
         * @return this builder
         */
        public Builder messageTimeout(Duration timeout) {
            this.messageTimeout = nonNegative(timeout, "messageTimeout");
            return this;
        }

        /**
         * Sets {@link WebSocketConfig#perMessageDeflate()}.
         *
         * @param perMessageDeflate the permessage-deflate settings (RFC 7692), or {@code null} to
         *     turn compression off
         * @return this builder
         */
        public Builder perMessageDeflate(PerMessageDeflateConfig perMessageDeflate) {
            this.perMessageDeflate = perMessageDeflate;
            return this;
        }

        /**
         * A configuration with these settings.
         *
         * @return a new immutable configuration; later changes to this builder do not reach it
         */
        public WebSocketConfig build() {
            return new WebSocketConfig(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration nonNegative(Duration value, String name) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
