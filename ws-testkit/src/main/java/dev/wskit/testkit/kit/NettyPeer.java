package dev.wskit.testkit.kit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty's own WebSocket client ({@code WebSocketClientHandshaker}, its frame codec and
 * aggregator), a peer we did not write, with whole messages recorded in {@link #events()}. A close
 * from the server is answered with its code, as RFC 6455 §5.5.1 says. Made by {@link Kit#netty}.
 */
public class NettyPeer extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** The largest frame and message it takes. */
    public static final int MAX_MESSAGE = 8 * Payloads.MIB;

    private final Events events;
    private final CompletableFuture<Void> handshaken = new CompletableFuture<>();
    private volatile boolean closeSent;
    private Channel channel;

    protected NettyPeer(String owner) {
        this.events = new Events(owner);
    }

    /**
     * Connects {@code peer}, with {@code compression} (an extension handler) in the pipeline or
     * none when {@code null}; returns once the opening handshake succeeded.
     */
    protected static <P extends NettyPeer> P connect(P connecting, EventLoopGroup group, URI uri, ChannelHandler compression) {
        return connect(connecting, group, uri, compression, EmptyHttpHeaders.INSTANCE);
    }

    /** As {@link #connect(NettyPeer, EventLoopGroup, URI, ChannelHandler)}, sending {@code headers} with the request. */
    protected static <P extends NettyPeer> P connect(P connecting, EventLoopGroup group, URI uri, ChannelHandler compression,
                                                     HttpHeaders headers) {
        NettyPeer peer = connecting;
        peer.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192));
                        if (compression != null) {
                            ch.pipeline().addLast(compression);
                        }
                        // allowExtensions: without it Netty's frame decoder refuses RSV1. Close
                        // frames and pongs are passed on, to be recorded.
                        ch.pipeline().addLast(new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, compression != null, headers,
                                        MAX_MESSAGE), false, false),
                                new WebSocketFrameAggregator(MAX_MESSAGE), peer);
                    }
                }).connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
        peer.handshaken.orTimeout(Events.WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return connecting;
    }

    public Events events() {
        return events;
    }

    /** The next event, as {@link Events#next()}. */
    public Object next() throws InterruptedException {
        return events.next();
    }

    public Channel channel() {
        return channel;
    }

    public void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    public void sendBinary(byte[] data) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    /** Queues a frame without flushing, so several fragments leave in one flush. */
    public void write(WebSocketFrame frame) {
        closeSent |= frame instanceof CloseWebSocketFrame;
        channel.write(frame);
    }

    public void send(WebSocketFrame frame) {
        closeSent |= frame instanceof CloseWebSocketFrame;
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /** Drops the TCP connection, with no closing handshake. */
    public void close() {
        channel.close().syncUninterruptibly();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshaken.complete(null);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        // Bulk copies: read byte by byte, a paranoid leak detector records a trace per access.
        if (frame instanceof TextWebSocketFrame) {
            events.message(frame.content().toString(StandardCharsets.UTF_8));
        } else if (frame instanceof BinaryWebSocketFrame) {
            events.message(ByteBufUtil.getBytes(frame.content()));
        } else if (frame instanceof PongWebSocketFrame) {
            events.note("pong:" + frame.content().toString(StandardCharsets.UTF_8));
        } else if (frame instanceof CloseWebSocketFrame close) {
            events.note("close:" + close.statusCode() + ":" + close.reasonText());
            if (!closeSent) {
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""));
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshaken.completeExceptionally(cause);
        events.note("error:" + cause);
        ctx.close();
    }
}
