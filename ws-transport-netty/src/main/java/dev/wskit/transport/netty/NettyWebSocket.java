package dev.wskit.transport.netty;

import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.WebSocketFacade;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The {@link dev.wskit.protocol.WebSocket} of one Netty channel, safe to use from any thread (see
 * {@link WebSocketFacade} for the threading contract and the answer to each misuse), with what only
 * Netty has: the channel, and sends of Netty's own buffers without a copy.
 */
public final class NettyWebSocket extends WebSocketFacade {
    private final WebSocketChannelHandler connection;

    NettyWebSocket(ConnectionDriver driver, WebSocketChannelHandler connection) {
        super(driver);
        this.connection = connection;
    }

    /**
     * The channel this connection runs on.
     *
     * @return the channel, never {@code null}
     */
    public Channel channel() {
        return connection.context().channel();
    }

    /**
     * Sends a whole binary message from Netty's own buffer; see
     * {@link #sendBinary(ByteBuf, boolean)}.
     *
     * @param data the message's bytes, from reader index to writer index; this call takes over one
     *     reference
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed (the buffer is released either way)
     */
    public boolean sendBinary(ByteBuf data) {
        return sendBinary(data, true);
    }

    /**
     * Sends one piece of a binary message from Netty's own buffer, without copying it (but for
     * small ones): this call takes over one reference to {@code data} and releases it once the
     * bytes are written, or dropped, or the send is refused — whatever happens, exactly once. The
     * caller must not change the buffer's content meanwhile (a client masks it in place).
     *
     * @param data this piece's bytes, from reader index to writer index; this call takes over one
     *     reference
     * @param last {@code true} when this piece ends the message (the frame's FIN bit, RFC 6455
     *     §5.4)
     * @return false when the connection is closing or closed (the buffer is released)
     */
    public boolean sendBinary(ByteBuf data, boolean last) {
        // One NIO view of Netty's memory (a composite buffer is merged into one here).
        return transferBinary(data.nioBuffer(), last, data::release);
    }
}
