package dev.wskit.testkit.kit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The peer of the HTTP/2 tests: Netty's own HTTP/2 client codec on one connection (h2c with prior
 * knowledge, or h2 over TLS), on which each {@link #open} starts a stream. Waits for the server's
 * SETTINGS before a stream is opened, as RFC 8441 §3 makes the client wait for
 * SETTINGS_ENABLE_CONNECT_PROTOCOL.
 */
public final class Http2Peer implements AutoCloseable {
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final CompletableFuture<Http2Settings> serverSettings = new CompletableFuture<>();
    private final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
    private final Channel connection;

    private Http2Peer(int port, SslContext tls) throws Exception {
        connection = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), "localhost", port));
                        }
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new SettingsWatcher(), new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
    }

    /** A client whose connection has the server's SETTINGS. */
    public static Http2Peer connect(int port, SslContext tls) throws Exception {
        Http2Peer client = new Http2Peer(port, tls);
        client.serverSettings.get(10, TimeUnit.SECONDS);
        return client;
    }

    /**
     * Opens the connection's own flow-control window by {@code bytes} (RFC 9113 §6.9: a
     * WINDOW_UPDATE on stream 0), so only each stream's window holds the server back.
     */
    public Http2Peer widenConnectionWindow(int bytes) {
        connection.writeAndFlush(new DefaultHttp2WindowUpdateFrame(bytes)).syncUninterruptibly();
        return this;
    }

    public Http2Settings serverSettings() throws Exception {
        return serverSettings.get(10, TimeUnit.SECONDS);
    }

    /** The server's GOAWAY (RFC 9113 §6.8): its error code, and the last stream it took. */
    public record GoAway(Http2Error error, int lastStreamId) {
    }

    /** Waits for the server's first GOAWAY. */
    public GoAway awaitGoAway() throws Exception {
        return goAway.get(10, TimeUnit.SECONDS);
    }

    /** A new stream on this connection. */
    public Http2PeerStream open() throws Exception {
        Http2PeerStream stream = new Http2PeerStream();
        new Http2StreamChannelBootstrap(connection).handler(stream).open().sync();
        return stream;
    }

    /** A new stream that reads nothing, so it never opens its flow-control window again (RFC 9113 §6.9). */
    public Http2PeerStream openNotReading() throws Exception {
        Http2PeerStream stream = new Http2PeerStream();
        new Http2StreamChannelBootstrap(connection).option(ChannelOption.AUTO_READ, false).handler(stream).open().sync();
        return stream;
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Completes {@link #serverSettings} with the first SETTINGS frame, and {@link #goAway} with the first GOAWAY. */
    private final class SettingsWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2SettingsFrame settings) {
                serverSettings.complete(settings.settings());
                ReferenceCountUtil.release(msg);
            } else if (msg instanceof Http2GoAwayFrame frame) {
                goAway.complete(new GoAway(Http2Error.valueOf(frame.errorCode()), frame.lastStreamId()));
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }
}
