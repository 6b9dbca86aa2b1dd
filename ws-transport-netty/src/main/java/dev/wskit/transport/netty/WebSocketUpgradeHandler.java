package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.MountedRequests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
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
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Mounts wskit on an existing Netty HTTP pipeline: put it after {@link HttpServerCodec} (and an
 * {@link HttpObjectAggregator}, if any). A request on the configured path is answered by the
 * wskit engine, which applies every rule of RFC 6455 §4.2 itself (a bad upgrade gets its exact
 * status); the HTTP handlers are then taken out of this channel's pipeline and the connection
 * speaks WebSocket. A request head the codec failed to decode, on whatever path, is answered 400
 * and the connection closed. Every other request flows on to the application's own handlers
 * untouched.
 *
 * <p>Not {@code @Sharable}: one per channel, as the HTTP codec is.
 */
public final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter {
    /** The HTTP handlers an upgraded connection no longer needs (they would mangle frames). */
    private static final List<Class<? extends ChannelHandler>> HTTP_HANDLERS = List.of(
            HttpServerCodec.class, HttpRequestDecoder.class, HttpResponseEncoder.class,
            HttpObjectAggregator.class, HttpContentCompressor.class, HttpServerKeepAliveHandler.class);

    private final String path;
    /** Makes the handler that takes this channel over on an upgrade request. */
    private final Supplier<WebSocketChannelHandler> connections;
    /** Set once this channel is upgrading: bytes the HTTP decoder still held land here. */
    private ByteBuf pipelined;

    /**
     * A handler accepting every valid upgrade on {@code path}, each connection with a new handler
     * from {@code handlers}.
     *
     * @param path the request path served as WebSocket, e.g. {@code /ws}
     * @param config the settings of every upgraded connection
     * @param handlers makes the handler of an upgraded connection
     */
    public WebSocketUpgradeHandler(String path, WebSocketConfig config, Supplier<? extends WebSocketHandler> handlers) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handlers, "handlers");
        this.path = Objects.requireNonNull(path, "path");
        this.connections = () -> WebSocketChannelHandler.server(config, handlers.get());
    }

    /**
     * A handler whose {@code decider} decides each upgrade on {@code path}.
     *
     * @param path the request path served as WebSocket, e.g. {@code /ws}
     * @param config the settings of every upgraded connection
     * @param decider decides each valid upgrade request on that path (accept, reject, later)
     */
    public WebSocketUpgradeHandler(String path, WebSocketConfig config, UpgradeDecider decider) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(decider, "decider");
        this.path = Objects.requireNonNull(path, "path");
        this.connections = () -> WebSocketChannelHandler.server(config, decider);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pipelined != null && msg instanceof ByteBuf bytes) {
            pipelined.writeBytes(bytes);
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof io.netty.handler.codec.http.HttpRequest head && head.decoderResult().isFailure()) {
            // The codec could not read this head: its target may be a stand-in and the codec drops
            // all input after it, so no handler can answer it better, and the connection is done.
            ReferenceCountUtil.release(head);
            refuse(ctx);
        } else if (msg instanceof io.netty.handler.codec.http.HttpRequest head && isOnPath(head.uri())) {
            answer(ctx, head);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** A target whose path cannot be decoded (a broken percent escape) is not on ours. */
    private boolean isOnPath(String target) {
        try {
            return new QueryStringDecoder(target).path().equals(path);
        } catch (IllegalArgumentException undecodable) {
            return false;
        }
    }

    /** Upgrades, or refuses a request the engine cannot take; releases it either way. */
    private void answer(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest msg) {
        HttpRequest request;
        try {
            request = toWskit(msg);
        } catch (IllegalArgumentException unreadable) {
            refuse(ctx);
            return;
        } finally {
            ReferenceCountUtil.release(msg);
        }
        upgrade(ctx, request);
    }

    /**
     * The engine's answer to a request it cannot read ({@link MountedRequests#unreadable()}), as the
     * engine writes it on a connection it reads itself, then a close.
     */
    private void refuse(ChannelHandlerContext ctx) {
        leaveHttp(ctx.pipeline()).release();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(MountedRequests.unreadable().encode()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
        connections.get().replace(ctx, request, leaveHttp(ctx.pipeline()));
    }

    /**
     * Takes the HTTP handlers out, so the engine's answer goes out as raw bytes; the bytes the
     * decoder had read past the request reach this handler as it leaves, and are returned.
     */
    private ByteBuf leaveHttp(ChannelPipeline pipeline) {
        pipelined = pipeline.channel().alloc().heapBuffer();
        for (Class<? extends ChannelHandler> type : HTTP_HANDLERS) {
            while (pipeline.get(type) != null) {
                pipeline.remove(type);
            }
        }
        ByteBuf rest = pipelined;
        pipelined = null;
        return rest;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pipelined != null) {
            pipelined.release();
            pipelined = null;
        }
    }

    /**
     * The request as the engine reads it. Netty has checked the syntax, but lets through what the
     * engine refuses, a fragment in the target say: then {@link IllegalArgumentException}.
     */
    private static HttpRequest toWskit(io.netty.handler.codec.http.HttpRequest request) {
        return MountedRequests.read(request.method().name(), request.uri(), request.protocolVersion().majorVersion(),
                request.protocolVersion().minorVersion(), request.headers());
    }
}
