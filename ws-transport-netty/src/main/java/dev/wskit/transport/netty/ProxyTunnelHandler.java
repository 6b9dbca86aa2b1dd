package dev.wskit.transport.netty;

import dev.wskit.transport.core.TunnelHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Passes the events of a channel connected to an HTTP proxy to the shared {@link TunnelHandshake}
 * while it runs: the answer's bytes, a close, an error. The connect's step that added it removes
 * it once the tunnel is open, for the TLS or WebSocket handler of the next step.
 */
final class ProxyTunnelHandler extends ChannelInboundHandlerAdapter {
    private final TunnelHandshake handshake;

    ProxyTunnelHandler(TunnelHandshake handshake) {
        this.handshake = handshake;
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

    /** No handler behind this one has started: it hears of this close from the connect's failure only. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshake.closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshake.failed(cause);
    }
}
