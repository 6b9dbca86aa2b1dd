package dev.wskit.benchmarks.servers;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * The baseline: an echo server written the way Netty's own examples write one, with
 * {@code HttpServerCodec}, {@code HttpObjectAggregator} and {@code WebSocketServerProtocolHandler}
 * (which answers pings and closes, and validates UTF-8 as wskit does), no extensions. Each data
 * frame goes back as it came, one flush per read burst, as a performance-minded Netty user writes
 * it (a flush per frame would handicap the baseline).
 */
final class NettyOwnEchoServer {
    private NettyOwnEchoServer() {
    }

    static EchoServer start(String host, int port, int threads) {
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .maxFramePayloadLength(EchoLimits.MAX_MESSAGE_BYTES)
                .allowExtensions(false)
                .build();
        return NettyEchoServer.start(host, port, threads, pipeline -> pipeline.addLast(
                new HttpServerCodec(),
                new HttpObjectAggregator(EchoLimits.MAX_HANDSHAKE_BYTES),
                new WebSocketServerProtocolHandler(protocol),
                FrameEcho.INSTANCE));
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
