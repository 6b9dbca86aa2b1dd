package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.HttpHeaders;
import dev.wskit.protocol.handshake.HttpRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Mounts wskit on an existing Netty HTTP pipeline: put it after {@link HttpServerCodec} (and an
 * {@link HttpObjectAggregator}, if any). A request on the configured path is answered by the
 * wskit engine, which applies every rule of RFC 6455 §4.2 itself (a bad upgrade gets its exact
 * status); the HTTP handlers are then taken out of this channel's pipeline and the connection
 * speaks WebSocket. Every other request flows on to the application's own handlers untouched.
 *
 * <p>Not {@code @Sharable}: one per channel, as the HTTP codec is.
 */
public final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter {
    /** The HTTP handlers an upgraded connection no longer needs (they would mangle frames). */
    private static final List<Class<? extends ChannelHandler>> HTTP_HANDLERS = List.of(
            HttpServerCodec.class, HttpRequestDecoder.class, HttpResponseEncoder.class,
            HttpObjectAggregator.class, HttpContentCompressor.class, HttpServerKeepAliveHandler.class);

    private final String path;
    private final WebSocketConfig config;
    private final Supplier<? extends WebSocketHandler> handlers;
    /** Set once this channel is upgrading: bytes the HTTP decoder still held land here. */
    private ByteBuf pipelined;

    /**
     * @param path     the request path served as WebSocket, e.g. {@code /ws}
     * @param handlers makes the handler of an upgraded connection
     */
    public WebSocketUpgradeHandler(String path, WebSocketConfig config, Supplier<? extends WebSocketHandler> handlers) {
        this.path = Objects.requireNonNull(path, "path");
        this.config = Objects.requireNonNull(config, "config");
        this.handlers = Objects.requireNonNull(handlers, "handlers");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pipelined != null && msg instanceof ByteBuf) {
            pipelined.writeBytes((ByteBuf) msg);
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof io.netty.handler.codec.http.HttpRequest
                && new QueryStringDecoder(((io.netty.handler.codec.http.HttpRequest) msg).uri()).path().equals(path)) {
            HttpRequest request = toWskit((io.netty.handler.codec.http.HttpRequest) msg);
            ReferenceCountUtil.release(msg);
            upgrade(ctx, request);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Takes the HTTP handlers out first, so the engine's answer goes out as raw bytes; the bytes
     * the decoder had read past the request reach this handler as it leaves and are handed on.
     */
    private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipelined = ctx.alloc().heapBuffer();
        for (Class<? extends ChannelHandler> type : HTTP_HANDLERS) {
            while (pipeline.get(type) != null) {
                pipeline.remove(type);
            }
        }
        ByteBuf rest = pipelined;
        pipelined = null;
        pipeline.replace(this, ctx.name(), WebSocketChannelHandler.upgrading(request, rest, config, handlers.get()));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pipelined != null) {
            pipelined.release();
            pipelined = null;
        }
    }

    /** The request as the engine reads it; Netty has already checked the syntax. */
    private static HttpRequest toWskit(io.netty.handler.codec.http.HttpRequest request) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        return new HttpRequest(request.method().name(), request.uri(),
                request.protocolVersion().majorVersion(), request.protocolVersion().minorVersion(), headers.build());
    }
}
