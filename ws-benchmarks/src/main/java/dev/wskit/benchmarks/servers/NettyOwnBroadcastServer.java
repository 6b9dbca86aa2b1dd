package dev.wskit.benchmarks.servers;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The broadcast baseline for Netty: its own {@code WebSocketServerProtocolHandler} pipeline (as
 * {@link NettyOwnEchoServer}) and a {@link ChannelGroup} of every open WebSocket. A message from
 * one connection goes to every other with {@code ChannelGroup.writeAndFlush}, which writes a
 * {@code retainedDuplicate()} of the one received frame to each channel: one buffer shared,
 * no copy per subscriber, one flush per message per channel.
 *
 * <p>Backpressure: none beyond Netty's defaults; writability is not consulted (as the usual
 * ChannelGroup broadcast does not), so a slow subscriber's writes queue in its outbound buffer.
 */
final class NettyOwnBroadcastServer {
    private NettyOwnBroadcastServer() {
    }

    static EchoServer start(String host, int port, int threads) {
        EchoProfile profile = EchoProfile.BENCHMARK;
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .maxFramePayloadLength(profile.maxMessageBytes())
                .build();
        Relay relay = new Relay(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        return NettyEchoServer.start(host, port, threads, pipeline -> pipeline.addLast(
                new HttpServerCodec(), new HttpObjectAggregator(EchoLimits.MAX_HANDSHAKE_BYTES),
                new WebSocketServerProtocolHandler(protocol), relay));
    }

    @ChannelHandler.Sharable
    static final class Relay extends ChannelInboundHandlerAdapter {
        /** Open WebSockets; a closed channel leaves the group by itself. */
        private final ChannelGroup members;

        Relay(ChannelGroup members) {
            this.members = members;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                members.add(ctx.channel());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                // A retained duplicate per channel, flushed; the group releases the original.
                members.writeAndFlush(msg, ChannelMatchers.isNot(ctx.channel()), true);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
