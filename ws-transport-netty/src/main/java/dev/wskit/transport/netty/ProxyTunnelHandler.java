package dev.wskit.transport.netty;

import dev.wskit.transport.core.TunnelHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The first handler of a channel to an HTTP proxy: runs the shared {@link TunnelHandshake} on the
 * channel, and once the tunnel is open hands the channel on: TLS to the server behind the proxy
 * for {@code wss}, then {@code channelActive} to the WebSocket handler, which until then has seen
 * nothing. A refusal, a close, a failure or the end of the connect timeout fails the connect and
 * closes the channel.
 */
final class ProxyTunnelHandler extends ChannelInboundHandlerAdapter {
    private final TunnelHandshake handshake;
    private final Function<ByteBufAllocator, ChannelHandler> tls;
    private final CompletableFuture<?> opened;
    private ScheduledFuture<?> timeout;
    private volatile boolean open;

    /**
     * @param tls makes the TLS handler for {@code wss}, or {@code null} for {@code ws}
     * @param opened the connect's future, failed here when the tunnel does not open
     */
    ProxyTunnelHandler(TunnelHandshake handshake, Function<ByteBufAllocator, ChannelHandler> tls, CompletableFuture<?> opened) {
        this.handshake = handshake;
        this.tls = tls;
        this.opened = opened;
    }

    /** Whether the tunnel is open and the channel handed on; any thread may ask. */
    boolean isOpen() {
        return open;
    }

    /** Settled before the channel is active too: a failure then fails the connect and closes the channel. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        handshake.whenSettled(failure -> {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (failure == null) {
                handOn(ctx);
            } else {
                opened.completeExceptionally(failure);
                ctx.close();
            }
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(handshake::timedOut, handshake.deadline().nanosLeft(), TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.request()))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf answer) {
                handshake.received(answer.nioBuffer());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The WebSocket handler never started, so it hears of this close from the connect's future only. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshake.closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshake.failed(cause);
    }

    private void handOn(ChannelHandlerContext ctx) {
        open = true;
        if (tls != null) {
            ctx.pipeline().addAfter(ctx.name(), null, tls.apply(ctx.alloc()));
        }
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }
}
