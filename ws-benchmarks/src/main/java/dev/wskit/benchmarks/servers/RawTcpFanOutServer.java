package dev.wskit.benchmarks.servers;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The ceiling of the broadcast point: no WebSocket, bytes only. Every byte read from one
 * connection is written to every other open connection, as it came, with the same
 * {@code ChannelGroup.writeAndFlush} as {@link NettyOwnBroadcastServer} (a
 * {@code retainedDuplicate()} of the one read buffer per channel, flushed). The load tool's
 * publisher is the only connection that sends, so each subscriber receives the publisher's byte
 * stream: its masked frames, which the subscribers check still masked ({@code --raw}). What it
 * measures is fan-out on Netty's sockets and the load tool's own cost, without framing,
 * unmasking or a message per subscriber.
 */
final class RawTcpFanOutServer {
    private RawTcpFanOutServer() {
    }

    static EchoServer start(String host, int port, int threads) {
        BytesFanOut fanOut = new BytesFanOut(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        return NettyEchoServer.start(host, port, threads, pipeline -> pipeline.addLast(fanOut));
    }

    @ChannelHandler.Sharable
    static final class BytesFanOut extends ChannelInboundHandlerAdapter {
        /** Open connections; a closed channel leaves the group by itself. */
        private final ChannelGroup members;

        BytesFanOut(ChannelGroup members) {
            this.members = members;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            members.add(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // A retained duplicate per channel, flushed; the group releases the original.
            members.writeAndFlush(msg, ChannelMatchers.isNot(ctx.channel()), true);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
