package dev.wskit.benchmarks.servers;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * The baseline: an echo server written the way Netty's own examples write one, with
 * {@code HttpServerCodec}, {@code HttpObjectAggregator} and {@code WebSocketServerProtocolHandler}
 * (which answers pings and closes, and validates UTF-8 as wskit does). Each data frame goes back
 * as it came, one flush per read burst, as a performance-minded Netty user writes it (a flush per
 * frame would handicap the baseline).
 *
 * <p>With {@link EchoProfile#deflate()}, as Netty's own examples add compression: its
 * {@code WebSocketServerCompressionHandler}, inflating at most the message limit, and a
 * {@code WebSocketFrameAggregator} of the same limit, so whole messages are echoed as wskit's
 * echo does (an inflated fragment is not a message to send back on its own).
 */
final class NettyOwnEchoServer {
    private NettyOwnEchoServer() {
    }

    static EchoServer start(String host, int port, int threads, EchoProfile profile) {
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .maxFramePayloadLength(profile.maxMessageBytes())
                .allowExtensions(profile.deflate())
                .build();
        return NettyEchoServer.start(host, port, threads, pipeline -> {
            pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(EchoLimits.MAX_HANDSHAKE_BYTES));
            if (profile.deflate()) {
                pipeline.addLast(new WebSocketServerCompressionHandler(profile.maxMessageBytes()));
            }
            pipeline.addLast(new WebSocketServerProtocolHandler(protocol));
            if (profile.deflate()) {
                pipeline.addLast(new WebSocketFrameAggregator(profile.maxMessageBytes()));
            }
            pipeline.addLast(FrameEcho.INSTANCE);
        });
    }

    @ChannelHandler.Sharable
    static final class FrameEcho extends ChannelInboundHandlerAdapter {
        static final FrameEcho INSTANCE = new FrameEcho();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                ctx.write(msg, ctx.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A load client that just drops its sockets resets them; that is not worth a log line.
            ctx.close();
        }
    }
}
