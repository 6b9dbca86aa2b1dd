package dev.wskit.testkit;

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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Netty's own WebSocket client with its compression handler in the pipeline, whole messages
 * queued as they arrive: a text as its {@code String}, a binary as its {@code byte[]}, then
 * {@code "close:<code>:<reason>"} or {@code "error:<cause>"}.
 */
public final class NettyDeflateClient extends SimpleChannelInboundHandler<WebSocketFrame> {
    public static final int MAX_MESSAGE = 8 * 1024 * 1024;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> handshaken = new CompletableFuture<>();
    private Channel channel;

    /** Netty's stock compression handler: permessage-deflate first, then the deflate-frame drafts. */
    public static ChannelHandler stockCompression() {
        return WebSocketClientCompressionHandler.INSTANCE;
    }

    /** permessage-deflate only, offering and accepting client_no_context_takeover. */
    public static ChannelHandler compressionWithClientNoContextTakeover() {
        return new WebSocketClientExtensionHandler(new PerMessageDeflateClientExtensionHandshaker(6, false,
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false));
    }

    public static NettyDeflateClient connect(EventLoopGroup group, int port, ChannelHandler compression) {
        NettyDeflateClient client = new NettyDeflateClient();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/netty");
        client.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // allowExtensions: without it Netty's frame decoder refuses RSV1.
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), compression,
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, true, EmptyHttpHeaders.INSTANCE, MAX_MESSAGE), false),
                                new WebSocketFrameAggregator(MAX_MESSAGE), client);
                    }
                }).connect("127.0.0.1", port).syncUninterruptibly().channel();
        client.handshaken.orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    public void sendText(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    public void sendBinary(byte[] data) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))).syncUninterruptibly();
    }

    /** Queues a frame without flushing, so several fragments leave in one flush. */
    public void write(WebSocketFrame frame) {
        channel.write(frame);
    }

    public void send(WebSocketFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    public Object next() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 10 s");
        }
        return event;
    }

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
        if (frame instanceof TextWebSocketFrame) {
            events.add(((TextWebSocketFrame) frame).text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            events.add(ByteBufUtil.getBytes(frame.content()));
        } else if (frame instanceof CloseWebSocketFrame) {
            CloseWebSocketFrame close = (CloseWebSocketFrame) frame;
            events.add("close:" + close.statusCode() + ":" + close.reasonText());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshaken.completeExceptionally(cause);
        events.add("error:" + cause);
        ctx.close();
    }
}
