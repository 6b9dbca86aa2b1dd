package dev.wskit.transport.netty;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.BurstFlush;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ConnectionIo;
import dev.wskit.transport.core.ServerSettings;
import dev.wskit.transport.core.WebSocketFacade;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLSession;

/**
 * One wskit connection on a Netty channel, on raw TCP (or TLS below it): the engine parses the
 * opening handshake itself. Add a new instance to each channel's pipeline; it is not
 * {@code @Sharable}. This class only moves bytes: the shared {@link ConnectionDriver} decides the
 * connection's life (timers, how TCP ends, when to stop reading).
 *
 * <p>Threading: everything here, and every {@link WebSocketHandler} callback, runs on the
 * channel's event loop; {@link #socket()} hands calls from other threads to it.
 *
 * <p>Buffers: inbound {@link ByteBuf}s are decoded through their {@code nioBuffer()} view, with no
 * copy (a buffer that is not one writable NIO buffer is copied once, as the server role unmasks in
 * place), and each is released exactly once here. Outbound, the engine's buffers are wrapped, not
 * copied; one flush ends each read burst.
 *
 * <p>Backpressure: the channel's write-buffer water marks are the engine's outbound ones, so a
 * writability change is the moment to ask it again.
 */
public final class WebSocketChannelHandler extends ChannelDuplexHandler implements ConnectionIo, ConnectionGroup.Member {
    private final ConnectionDriver driver;
    private final WebSocketConfig config;
    private ChannelHandlerContext ctx;
    private boolean started;
    /** Inside a read burst, writes wait for the one flush of {@link #channelReadComplete}. */
    private final BurstFlush flushes = new BurstFlush(() -> ctx.flush());
    /** The buffer {@link #channelRead} is passing to the driver, for {@link #retainRead}; else {@code null}. */
    private ByteBuf reading;

    private WebSocketChannelHandler(WebSocketConfig config, Drivers drivers) {
        this.config = config;
        this.driver = drivers.create(this, driver -> new NettyWebSocket(driver, this));
    }

    /** How this handler's driver is made, given the handler as its I/O and the facade to use. */
    private interface Drivers {
        ConnectionDriver create(ConnectionIo io, Function<ConnectionDriver, ? extends WebSocketFacade> facades);
    }

    /**
     * A server-side handler, waiting for the client's opening handshake; accepts every valid one
     * with {@code handler}.
     *
     * @param config the connection settings
     * @param handler the application's handler
     * @return the channel handler, for one channel
     */
    public static WebSocketChannelHandler server(WebSocketConfig config, WebSocketHandler handler) {
        return new WebSocketChannelHandler(config, (io, facades) -> ConnectionDriver.server(config, handler, io, facades));
    }

    /**
     * A server-side handler whose upgrade {@code decider} decides.
     *
     * @param config the connection settings
     * @param decider decides each valid upgrade request (RFC 6455 §4.2.2)
     * @return the channel handler, for one channel
     */
    public static WebSocketChannelHandler server(WebSocketConfig config, UpgradeDecider decider) {
        return new WebSocketChannelHandler(config, (io, facades) -> ConnectionDriver.server(config, decider, io, facades));
    }

    /**
     * A server-side handler for a server built with {@code settings}: counted against its limits,
     * drawing on its memory budget, heard by its listener. Public for servers built on this
     * transport in other modules (HTTP/2's, which serves HTTP/1.1 connections with it).
     *
     * @param settings the server's settings: the configuration, the upgrade decider (RFC 6455
     *     §4.2.2), the connection limits and memory budget this channel's connection is counted
     *     against, and the listener that hears of it
     * @return the channel handler, for one channel; a new one for each accepted channel
     */
    public static WebSocketChannelHandler server(ServerSettings settings) {
        return new WebSocketChannelHandler(settings.config(), settings::newConnection);
    }

    /**
     * A client-side handler; the opening request is written as soon as the channel is active.
     *
     * @param handshake the opening request (RFC 6455 §4.1)
     * @param config the connection settings
     * @param handler the application's handler
     * @return the channel handler, for one channel
     */
    public static WebSocketChannelHandler client(ClientHandshake handshake, WebSocketConfig config, WebSocketHandler handler) {
        return new WebSocketChannelHandler(config,
                (io, facades) -> ConnectionDriver.client(handshake, config, handler, io, facades));
    }

    /** A client-side handler for a client built with {@code settings}. */
    static WebSocketChannelHandler client(ClientHandshake handshake, ClientSettings settings, WebSocketHandler handler) {
        return new WebSocketChannelHandler(settings.config(),
                (io, facades) -> settings.newConnection(handshake, handler, io, facades));
    }

    /**
     * The thread-safe {@code WebSocket} handlers receive for this connection.
     *
     * @return the socket, never {@code null}
     */
    public NettyWebSocket socket() {
        return (NettyWebSocket) driver.socket();
    }

    ConnectionDriver driver() {
        return driver;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    /**
     * The server or client is stopping: 1001 to an open connection (RFC 6455 §7.4.1).
     *
     * @param reason the close reason sent with 1001, at most 123 bytes once encoded as UTF-8 (a
     *     Close frame's body holds at most 125 bytes, the code's two included: RFC 6455 §5.5,
     *     §5.5.1); such as {@code "server stopping"}
     */
    @Override
    public void goingAway(String reason) {
        driver.goingAway(reason);
    }

    /** The server or client stopped waiting for the closing handshake: the connection ends at once. */
    @Override
    public void drop() {
        driver.drop();
    }

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setWriteBufferWaterMark(waterMarks(config));
        if (ctx.channel().isActive()) {
            start();
        }
    }

    /**
     * The engine's outbound water marks as the channel's; Netty's own default instance when they
     * are the same (they are by default), so a channel holds no copy of its own.
     */
    private static WriteBufferWaterMark waterMarks(WebSocketConfig config) {
        int low = (int) Math.min(Integer.MAX_VALUE, config.outboundLowWaterMark());
        int high = (int) Math.min(Integer.MAX_VALUE, config.outboundHighWaterMark());
        WriteBufferWaterMark shared = WriteBufferWaterMark.DEFAULT;
        return low == shared.low() && high == shared.high() ? shared : new WriteBufferWaterMark(low, high);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    private void start() {
        if (!started) {
            started = true;
            driver.start();
        }
    }

    /**
     * Takes the place of {@code mount} (a handler on an HTTP pipeline, on the event loop) for the
     * opening request Netty's HTTP codec read: the engine starts from {@code request} rather than
     * from raw bytes, then reads {@code pipelined}, the bytes the codec had read past it (released
     * here).
     */
    void replace(ChannelHandlerContext mount, HttpRequest request, ByteBuf pipelined) {
        started = true;
        mount.pipeline().replace(mount.handler(), mount.name(), this);
        try {
            driver.receiveUpgrade(request);
            receiveCopy(pipelined);
        } finally {
            pipelined.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        driver.transportClosed();
        ctx.fireChannelInactive();
    }

    /** Any failure below us (a reset, a TLS error) ends the connection; channelInactive reports it. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    // ---- input ------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        flushes.reading();
        try {
            if (in.nioBufferCount() == 1 && !in.isReadOnly()) {
                // The zero-copy path: the engine reads (and unmasks in place) Netty's own memory.
                reading = in;
                driver.receive(in.nioBuffer(in.readerIndex(), in.readableBytes()));
            } else {
                receiveCopy(in);
            }
        } finally {
            reading = null;
            in.release();
        }
    }

    /** A message kept from Netty's read buffer holds a reference to it, released once with the message. */
    @Override
    public PayloadRelease retainRead(ByteBuffer buffer) {
        if (reading == null) {
            return null;
        }
        ByteBuf kept = reading.retain();
        return kept::release;
    }

    /** A composite or read-only buffer, copied into one heap buffer the engine may unmask in place. */
    private void receiveCopy(ByteBuf in) {
        ByteBuffer copy = ByteBuffer.allocate(in.readableBytes());
        in.getBytes(in.readerIndex(), copy);
        driver.receive(copy.flip());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushes.burstEnded();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        driver.outputProgressed();
        ctx.fireChannelWritabilityChanged();
    }

    // ---- ConnectionIo: what the driver asks of the channel, on the event loop ---------------

    @Override
    public boolean isOwner() {
        return ctx != null && ctx.executor().inEventLoop();
    }

    @Override
    public void runAsOwner(Runnable task) {
        ctx.executor().execute(task);
    }

    /** Wraps, never copies; a handed-over payload's release runs once the write completes or fails. */
    @Override
    public void write(ByteBuffer bytes, PayloadRelease release) {
        if (release == null) {
            ctx.write(Unpooled.wrappedBuffer(bytes), ctx.voidPromise());
        } else {
            ctx.write(Unpooled.wrappedBuffer(bytes)).addListener(written -> release.release());
        }
        flushes.written();
    }

    @Override
    public void flush() {
        flushes.flush();
    }

    @Override
    public long unwrittenBytes() {
        ChannelOutboundBuffer buffer = ctx == null ? null : ctx.channel().unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void reading(boolean on) {
        ctx.channel().config().setAutoRead(on);
    }

    /**
     * A FIN after the last queued byte; the peer's own FIN then closes the channel. Over TLS the
     * channel is closed instead, which sends TLS's close_notify first.
     */
    @Override
    public void endGracefully() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (ctx.channel() instanceof DuplexChannel duplex && ctx.pipeline().get(SslHandler.class) == null) {
                duplex.shutdownOutput();
            } else {
                ctx.close();
            }
        });
    }

    /** A reset: pending writes fail at once (releasing handed-over payloads), nothing waits for the peer. */
    @Override
    public void abort() {
        try {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (ChannelException socketClosed) {
            // The socket closed under us (the peer reset it): there is nothing left to reset.
        }
        ctx.channel().close();
    }

    @Override
    public String transportName() {
        return "netty";
    }

    @Override
    public SocketAddress remoteAddress() {
        return ctx.channel().remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return ctx.channel().localAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        return tls == null ? Optional.empty() : Optional.of(tls.engine().getSession());
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable task) {
        return schedule(ctx.executor(), delayNanos, task);
    }

    /** A task on {@code executor}'s timer, cancelled without interrupting it; also for a client's proxy exchange. */
    static Scheduled schedule(EventExecutor executor, long delayNanos, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
