package dev.wskit.testkit;

import dev.wskit.testkit.kit.NettyPeer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;

/**
 * Netty's own WebSocket client ({@link NettyPeer}) with its compression handler in the pipeline,
 * whole messages queued as they arrive: a text as its {@code String}, a binary as its
 * {@code byte[]}, then notes such as {@code "close:<code>:<reason>"} or {@code "error:<cause>"}.
 */
public final class NettyDeflateClient extends NettyPeer {

    private NettyDeflateClient() {
        super("Netty's deflate client");
    }

    /** Netty's stock compression handler: permessage-deflate first, then the deflate-frame drafts. */
    public static ChannelHandler stockCompression() {
        return WebSocketClientCompressionHandler.INSTANCE;
    }

    /** permessage-deflate only, offering and accepting client_no_context_takeover. */
    public static ChannelHandler compressionWithClientNoContextTakeover() {
        return new WebSocketClientExtensionHandler(new PerMessageDeflateClientExtensionHandshaker(6, false,
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false));
    }

    /** permessage-deflate only, asking for a server window of this many bits (RFC 7692 §7.1.2.1). */
    public static ChannelHandler compressionAskingServerWindow(int bits) {
        return new WebSocketClientExtensionHandler(new PerMessageDeflateClientExtensionHandshaker(6, false,
                bits, false, false));
    }

    public static NettyDeflateClient connect(EventLoopGroup group, int port, ChannelHandler compression) {
        return connect(new NettyDeflateClient(), group, URI.create("ws://127.0.0.1:" + port + "/netty"), compression);
    }
}
