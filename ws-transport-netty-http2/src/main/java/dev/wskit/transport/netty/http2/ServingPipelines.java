package dev.wskit.transport.netty.http2;

import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ServerSettings;
import dev.wskit.transport.netty.WebSocketChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * What a connection becomes once its protocol is known: an HTTP/1.1 connection is one
 * {@link WebSocketChannelHandler}, exactly as on {@code NettyWebSocketServer}; an HTTP/2
 * connection is Netty's frame codec and multiplexer, with one {@link Http2ServerStream} per
 * stream. Every connection and stream joins the server's group, so a stop reaches each one: an
 * HTTP/2 connection's GOAWAY, each WebSocket's 1001.
 */
final class ServingPipelines {
    private final ServerSettings settings;
    private final ConnectionGroup connections;
    private final int maxWebSocketStreams;

    ServingPipelines(ServerSettings settings, ConnectionGroup connections, int maxWebSocketStreams) {
        this.settings = settings;
        this.connections = connections;
        this.maxWebSocketStreams = maxWebSocketStreams;
    }

    /** HTTP/1.1 from here on: the engine reads the opening handshake from the bytes. */
    void http1(ChannelPipeline pipeline, String after) {
        WebSocketChannelHandler connection = WebSocketChannelHandler.server(settings);
        if (!connections.tryAdd(connection)) {
            // Accepted while the server stops.
            pipeline.channel().close();
            return;
        }
        pipeline.channel().closeFuture().addListener(closed -> connections.remove(connection));
        pipeline.addAfter(after, null, connection);
    }

    /**
     * HTTP/2 from here on. RFC 8441 §3: our SETTINGS carry SETTINGS_ENABLE_CONNECT_PROTOCOL = 1, without
     * which a client may not send an extended CONNECT.
     */
    void http2(ChannelPipeline pipeline, String after) {
        // RFC 9113 §6.8: a stop closes the connection gracefully. Closing through the codec sends
        // GOAWAY (NO_ERROR, the last stream it took) and waits for the open streams, which each get
        // their 1001 as members of their own; a drop closes the socket past the codec.
        ConnectionGroup.Member connection = ConnectionGroup.Member.of(
                reason -> pipeline.channel().close(), () -> pipeline.firstContext().close());
        if (!connections.tryAdd(connection)) {
            // Accepted while the server stops.
            pipeline.channel().close();
            return;
        }
        pipeline.channel().closeFuture().addListener(closed -> connections.remove(connection));
        Http2Settings ours = ReceiveWindows.in(Http2Settings.defaultSettings().connectProtocolEnabled(true));
        WebSocketStreamLimit limit = new WebSocketStreamLimit(maxWebSocketStreams);
        // The multiplexer finds the codec when it is added, so the codec goes first.
        // A close waits for the open streams however long they take (-1): the stop's grace bounds
        // it, as its drop closes the socket (Netty's frame codec would close at once, 0).
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer().initialSettings(ours)
                .gracefulShutdownTimeoutMillis(-1).build();
        pipeline.addAfter(after, "h2-frames", codec);
        // Added to an active channel, the codec sent its SETTINGS: the WINDOW_UPDATE follows them.
        ReceiveWindows.widenConnection(codec);
        pipeline.addAfter("h2-frames", "h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2ServerStream(settings, limit, connections));
            }
        }));
    }
}
