package dev.wskit.testkit;

import dev.wskit.testkit.kit.NettyServerPeer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.util.function.Supplier;

/**
 * Netty's own WebSocket server ({@link NettyServerPeer}) with a compression handler, echoing each
 * data frame as it came: fragments stay fragments, so Netty compresses a fragmented message too.
 */
public final class NettyDeflateServer extends NettyServerPeer {

    /** Netty's stock handler: declines an offer with server_no_context_takeover (allowServerNoContext false). */
    public static ChannelHandler stockCompression() {
        return new WebSocketServerCompressionHandler();
    }

    /** permessage-deflate that honours server_no_context_takeover when offered. */
    public static ChannelHandler compressionAllowingServerNoContextTakeover() {
        return new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(6, false,
                PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, false));
    }

    /**
     * permessage-deflate that answers an offer of {@code client_max_window_bits} with this window
     * for the client's messages (RFC 7692 §7.1.2.2).
     */
    public static ChannelHandler compressionLimitingClientWindow(int bits) {
        return new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(6, false,
                bits, false, false));
    }

    public NettyDeflateServer(EventLoopGroup group, Supplier<ChannelHandler> compression) {
        super(group, compression);
    }
}
