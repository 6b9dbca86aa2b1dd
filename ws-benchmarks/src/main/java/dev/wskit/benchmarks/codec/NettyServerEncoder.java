package dev.wskit.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's own server-side frame encoding: {@link WebSocket08FrameEncoder} without masking, its
 * {@code encode} called with a real pipeline context, so buffers come from the channel's
 * allocator.
 *
 * <p>Why not {@code channel.write}: that adds a promise, the {@code ChannelOutboundBuffer} and
 * the embedded channel's queue, i.e. Netty's transport, while wskit's counterpart
 * ({@code sendBinary} + {@code pollOutbound}) stops at the queue a transport drains. What is
 * compared is "frame in, buffers to write out" on both sides.
 *
 * <p>What Netty does by size: up to 1024 bytes the header and a copy of the payload share one
 * buffer; above, a gathering write of a header buffer plus the caller's payload, retained, not
 * copied.
 */
final class NettyServerEncoder {
    private final ServerFrameEncoder encoder = new ServerFrameEncoder();
    private final EmbeddedChannel channel;
    private final ChannelHandlerContext context;
    private final List<Object> out = new ArrayList<>(2);

    NettyServerEncoder(ByteBufAllocator allocator) {
        channel = new EmbeddedChannel(encoder);
        channel.config().setAllocator(allocator);
        context = channel.pipeline().context(encoder);
    }

    /**
     * Encodes one binary frame of {@code payload}'s readable bytes, hands each buffer to write
     * to {@code sink}, and releases it. {@code payload}'s reader index is advanced when Netty
     * copies it; its reference count ends where it started.
     */
    void encodeBinary(ByteBuf payload, FrameSink<ByteBuf> sink) {
        // Like an application's frame, minus the release a write would do: the payload is reused.
        WebSocketFrame frame = new BinaryWebSocketFrame(payload);
        encoder.encodeFrame(context, frame, out);
        for (int i = 0; i < out.size(); i++) {
            ByteBuf buffer = (ByteBuf) out.get(i);
            sink.frame(false, buffer);
            buffer.release();
        }
        out.clear();
    }

    ByteBufAllocator allocator() {
        return context.alloc();
    }

    void close() {
        channel.finishAndReleaseAll();
    }

    /** Opens {@code encode}, which {@code MessageToMessageEncoder} keeps protected. */
    private static final class ServerFrameEncoder extends WebSocket08FrameEncoder {
        ServerFrameEncoder() {
            super(false); // RFC 6455 §5.1: a server never masks
        }

        void encodeFrame(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            try {
                encode(ctx, frame, out);
            } catch (Exception e) {
                throw new IllegalStateException("Netty failed to encode", e);
            }
        }
    }
}
