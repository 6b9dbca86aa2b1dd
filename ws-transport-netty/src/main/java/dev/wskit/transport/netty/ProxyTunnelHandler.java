package dev.wskit.transport.netty;

import dev.wskit.protocol.proxy.ProxyConnectException;
import dev.wskit.protocol.proxy.ProxyTunnel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The first handler of a channel to an HTTP proxy: writes the {@code CONNECT}, reads the answer
 * through the shared {@link ProxyTunnel}, and once the tunnel is open hands the channel on: TLS to
 * the server behind the proxy for {@code wss}, then {@code channelActive} to the WebSocket
 * handler, which until then has seen nothing. A refusal, a close, a failure or the end of the
 * connect timeout fails the connect and closes the channel.
 */
final class ProxyTunnelHandler extends ChannelInboundHandlerAdapter {
    private final ProxyTunnel tunnel;
    private final long deadline;
    private final Duration connectTimeout;
    private final Function<ByteBufAllocator, ChannelHandler> tls;
    private final CompletableFuture<?> opened;
    private ScheduledFuture<?> timeout;
    private boolean failed;
    private volatile boolean open;

    /**
     * @param deadline the end of the connect timeout, in {@link System#nanoTime()}
     * @param tls makes the TLS handler for {@code wss}, or {@code null} for {@code ws}
     * @param opened the connect's future, failed here when the tunnel does not open
     */
    ProxyTunnelHandler(ProxyTunnel tunnel, long deadline, Duration connectTimeout, Function<ByteBufAllocator, ChannelHandler> tls,
            CompletableFuture<?> opened) {
        this.tunnel = tunnel;
        this.deadline = deadline;
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.opened = opened;
    }

    /** Whether the tunnel is open and the channel handed on; any thread may ask. */
    boolean isOpen() {
        return open;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> fail(ctx, tunnel.timedOut(connectTimeout)),
                Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(tunnel.request()))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!failed && msg instanceof ByteBuf answer && tunnel.receive(answer.nioBuffer())) {
                handOn(ctx);
            }
        } catch (ProxyConnectException e) {
            fail(ctx, e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The WebSocket handler never started, so it hears of this close from the connect's future only. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, tunnel.closedEarly());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void handOn(ChannelHandlerContext ctx) {
        timeout.cancel(false);
        open = true;
        if (tls != null) {
            ctx.pipeline().addAfter(ctx.name(), null, tls.apply(ctx.alloc()));
        }
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        opened.completeExceptionally(cause);
        ctx.close();
    }
}
