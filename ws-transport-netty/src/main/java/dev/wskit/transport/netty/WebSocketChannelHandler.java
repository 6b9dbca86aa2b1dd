package dev.wskit.transport.netty;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketConnection;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.HttpRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Drives one wskit engine ({@link WebSocketConnection}) per channel, on raw TCP (or TLS below
 * it): the engine parses the opening handshake itself. Add a new instance to each channel's
 * pipeline; it is not {@code @Sharable}.
 *
 * <p>Threading: everything here, and every {@link WebSocketHandler} callback, runs on the
 * channel's event loop; {@link #socket()} hops sends from other threads onto it.
 *
 * <p>Buffers: inbound {@link ByteBuf}s are decoded through their {@code nioBuffer()} view, with
 * no copy (a buffer that is not one writable NIO buffer is copied once into a buffer of ours, as
 * the server role unmasks in place), and each is released exactly once here. Bytes left
 * unconsumed while the handler is paused are kept until {@link NettyWebSocket#resume()}.
 * Outbound, the engine's buffers are wrapped, not copied; one flush ends each read burst.
 *
 * <p>Backpressure: reading stops while the channel is unwritable or the handler paused; a peer
 * whose unwritten bytes exceed {@link WebSocketConfig#maxOutboundBytes()} is dropped.
 */
public final class WebSocketChannelHandler extends ChannelDuplexHandler {
    private final WebSocketConnection engine;
    private final WebSocketConfig config;
    private final NettyWebSocket socket;
    private ChannelHandlerContext ctx;
    /** Bytes received but not consumed (paused, or copied from an unsuitable buffer); ours. */
    private ByteBuf kept;
    private boolean started;
    private boolean receiving;
    /** Inside a read burst: writes wait for the one flush of {@link #channelReadComplete}. */
    private boolean reading;
    private boolean unflushed;
    private boolean closeRequested;
    private long lastInputNanos;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> closeTimer;

    /** An opening request an HTTP codec already read (mounted on an HTTP pipeline); null on raw TCP. */
    private HttpRequest upgradeRequest;
    /** Bytes the HTTP codec had read past that request (a pipelined first frame); ours to release. */
    private ByteBuf pipelined;

    private WebSocketChannelHandler(WebSocketConnection engine, WebSocketConfig config) {
        this.engine = engine;
        this.config = config;
        this.socket = new NettyWebSocket(this);
        engine.endpoint(socket);
    }

    /**
     * A server-side handler for a request Netty's HTTP codec already read, replacing that codec
     * in the pipeline; {@code pipelined} holds bytes that followed the request (ours to release).
     */
    static WebSocketChannelHandler upgrading(HttpRequest request, ByteBuf pipelined, WebSocketConfig config,
                                             WebSocketHandler handler) {
        WebSocketChannelHandler upgrading = server(config, handler);
        upgrading.upgradeRequest = request;
        upgrading.pipelined = pipelined;
        return upgrading;
    }

    /** A server-side handler, waiting for the client's opening handshake. */
    public static WebSocketChannelHandler server(WebSocketConfig config, WebSocketHandler handler) {
        return new WebSocketChannelHandler(WebSocketConnection.server(config, new LifecycleHandler(handler, null)), config);
    }

    /** A client-side handler; the opening request is written as soon as the channel is active. */
    public static WebSocketChannelHandler client(ClientHandshake handshake, WebSocketConfig config, WebSocketHandler handler) {
        return new WebSocketChannelHandler(WebSocketConnection.client(handshake, config, handler), config);
    }

    /** The thread-safe {@code WebSocket} handlers receive for this connection. */
    public NettyWebSocket socket() {
        return socket;
    }

    WebSocketConnection engine() {
        return engine;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        lastInputNanos = System.nanoTime();
        handshakeTimer = schedule(config.handshakeTimeout(), this::handshakeTimedOut);
        if (config.idleTimeout().compareTo(Duration.ZERO) > 0) {
            idleTimer = schedule(config.idleTimeout(), this::checkIdle);
        }
        if (upgradeRequest != null) {
            engine.receiveUpgrade(upgradeRequest);
            upgradeRequest = null;
            // Copied into our own heap buffer: the engine unmasks in place.
            keep(pipelined);
            pipelined.release();
            pipelined = null;
            receiveKept();
        }
        afterEngine();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimers();
        releaseKept();
        engine.transportClosed();
        socket.capture(engine, 0);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimers();
        releaseKept();
        if (pipelined != null) {
            pipelined.release();
            pipelined = null;
        }
    }

    /** Any failure below us (a reset, a TLS error) ends the connection; channelInactive reports it. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    // ---- input ------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        reading = true;
        lastInputNanos = System.nanoTime();
        try {
            if (kept == null && in.nioBufferCount() == 1 && !in.isReadOnly()) {
                receiveView(in);
            } else {
                keep(in);
                receiveKept();
            }
        } finally {
            in.release();
        }
        afterEngine();
    }

    /** The zero-copy path: the engine reads (and unmasks in place) Netty's own memory. */
    private void receiveView(ByteBuf in) {
        ByteBuffer view = in.nioBuffer(in.readerIndex(), in.readableBytes());
        receive(view);
        if (view.hasRemaining()) {
            keptBuffer(view.remaining()).writeBytes(view);
        }
    }

    private void keep(ByteBuf bytes) {
        keptBuffer(bytes.readableBytes()).writeBytes(bytes);
    }

    private ByteBuf keptBuffer(int initialCapacity) {
        if (kept == null) {
            // Heap: always one writable NIO buffer, as the engine needs.
            kept = ctx.alloc().heapBuffer(initialCapacity);
        }
        return kept;
    }

    private void receiveKept() {
        if (kept == null || engine.isPaused()) {
            return;
        }
        ByteBuffer view = kept.nioBuffer(kept.readerIndex(), kept.readableBytes());
        receive(view);
        kept.skipBytes(view.position());
        if (!kept.isReadable()) {
            releaseKept();
        }
    }

    private void receive(ByteBuffer view) {
        receiving = true;
        try {
            engine.receive(view);
        } finally {
            receiving = false;
        }
    }

    private void releaseKept() {
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flushIfNeeded();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead();
        ctx.fireChannelWritabilityChanged();
    }

    /** For {@link NettyWebSocket#pause()}, on the event loop. */
    void pause() {
        engine.pause();
        updateAutoRead();
    }

    /** For {@link NettyWebSocket#resume()}, on the event loop: offers the kept bytes again. */
    void resume() {
        engine.resume();
        // Inside a callback the engine's own loop goes on with the bytes it holds.
        if (!receiving) {
            receiveKept();
            afterEngine();
        }
    }

    // ---- output -----------------------------------------------------------------------------

    /** After every input, send or timer: write what the engine queued, then act on its state. */
    void afterEngine() {
        if (!started) {
            return;
        }
        if (receiving) {
            // Inside a callback: the read writes it all once the engine returns, but the bound
            // holds for each send, so one callback cannot queue without limit either.
            dropIfBacklogged();
            return;
        }
        for (ByteBuffer out; (out = engine.pollOutbound()) != null; ) {
            write(out, engine.releaseOfPolled());
        }
        if (dropIfBacklogged()) {
            return;
        }
        updateTimers();
        long outbound = outboundBytes();
        socket.capture(engine, outbound);
        if (engine.shouldCloseTransport()) {
            closeAfterWrites();
        } else {
            updateAutoRead();
            if (!reading) {
                flushIfNeeded();
            }
        }
    }

    /**
     * A peer that never reads must not make us buffer without bound: past
     * {@link WebSocketConfig#maxOutboundBytes()} the engine drops it (onError, then onClose 1006);
     * no close frame could reach it past the backlog.
     */
    private boolean dropIfBacklogged() {
        if (!engine.checkOutboundBacklog(channelPendingBytes())) {
            return false;
        }
        socket.capture(engine, outboundBytes());
        ctx.close();
        return true;
    }

    /** Wraps, never copies; a handed-over payload's release runs once the write completes or fails. */
    private void write(ByteBuffer out, PayloadRelease release) {
        if (release == null) {
            ctx.write(Unpooled.wrappedBuffer(out), ctx.voidPromise());
        } else {
            ctx.write(Unpooled.wrappedBuffer(out)).addListener(written -> release.release());
        }
        unflushed = true;
    }

    /** Bytes queued in the engine and in the channel, not yet on the wire. */
    long outboundBytes() {
        return engine.pendingOutboundBytes() + channelPendingBytes();
    }

    private long channelPendingBytes() {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void closeAfterWrites() {
        if (closeRequested) {
            return;
        }
        closeRequested = true;
        unflushed = false;
        // Written after everything queued, so the close frame or HTTP error reaches the peer first.
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void flushIfNeeded() {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    private void updateAutoRead() {
        boolean wanted = !engine.isPaused() && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != wanted) {
            ctx.channel().config().setAutoRead(wanted);
        }
    }

    // ---- timers: the engine decides what a timeout means -----------------------------------

    private void updateTimers() {
        if (handshakeTimer != null && engine.state() != ConnectionState.CONNECTING) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
        if (closeTimer == null && awaitsClose()) {
            closeTimer = schedule(config.closeTimeout(), this::closeTimedOut);
        }
    }

    /** RFC 6455 §7.1.1: our close awaits its answer, or a client awaits the server's TCP close. */
    private boolean awaitsClose() {
        ConnectionState state = engine.state();
        return state == ConnectionState.CLOSING
                || (state == ConnectionState.CLOSED && engine.role() == Role.CLIENT && !engine.shouldCloseTransport());
    }

    private void handshakeTimedOut() {
        handshakeTimer = null;
        engine.handshakeTimedOut();
        afterEngine();
    }

    private void closeTimedOut() {
        engine.closeTimedOut();
        afterEngine();
    }

    /** Re-armed for the time left since the last input, so reads never touch the timer. */
    private void checkIdle() {
        long timeout = config.idleTimeout().toNanos();
        long idle = System.nanoTime() - lastInputNanos;
        if (idle >= timeout) {
            engine.idleTimedOut();
            afterEngine();
            idle = 0;
        }
        if (!engine.shouldCloseTransport()) {
            idleTimer = schedule(Duration.ofNanos(timeout - idle), this::checkIdle);
        }
    }

    /** A zero duration means no timer: the engine's config allows it and nothing else fits it. */
    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        if (delay.isZero()) {
            return null;
        }
        return ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimers() {
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {handshakeTimer, idleTimer, closeTimer}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        handshakeTimer = null;
        idleTimer = null;
        closeTimer = null;
    }
}
