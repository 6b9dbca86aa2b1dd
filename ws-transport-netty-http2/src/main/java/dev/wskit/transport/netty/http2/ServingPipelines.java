package dev.wskit.transport.netty.http2;

import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ServerSettings;
import dev.wskit.transport.netty.WebSocketChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * What a connection becomes once its protocol is known: an HTTP/1.1 connection is one
 * {@link WebSocketChannelHandler}, exactly as on {@code NettyWebSocketServer}; an HTTP/2
 * connection is Netty's frame codec and multiplexer, with one {@link Http2ServerStream} per
 * stream. Every connection and stream joins the server's group, so a stop reaches each one.
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
        Http2Settings ours = Http2Settings.defaultSettings().connectProtocolEnabled(true);
        WebSocketStreamLimit limit = new WebSocketStreamLimit(maxWebSocketStreams);
        // The multiplexer finds the codec when it is added, so the codec goes first.
        pipeline.addAfter(after, "h2-frames", Http2FrameCodecBuilder.forServer().initialSettings(ours).build());
        pipeline.addAfter("h2-frames", "h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2ServerStream(settings, limit, connections));
            }
        }));
    }
}
