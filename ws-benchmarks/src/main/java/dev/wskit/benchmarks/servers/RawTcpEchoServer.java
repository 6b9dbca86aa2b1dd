package dev.wskit.benchmarks.servers;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A trivial TCP echo on the same Netty event loops as the WebSocket servers: bytes back as they
 * came, no handshake, no framing. It is the ceiling the load tool has to reach for its numbers
 * against the WebSocket servers to mean anything (the tool's {@code --raw} mode sends the same
 * masked frames and checks them coming back still masked).
 */
final class RawTcpEchoServer {
    private RawTcpEchoServer() {
    }

    static EchoServer start(String host, int port, int threads) {
        return NettyEchoServer.start(host, port, threads, pipeline -> pipeline.addLast(BytesEcho.INSTANCE));
    }

    @ChannelHandler.Sharable
    static final class BytesEcho extends ChannelInboundHandlerAdapter {
        static final BytesEcho INSTANCE = new BytesEcho();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
