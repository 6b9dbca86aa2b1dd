package dev.wskit.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Netty's own server-side frame decoding, as {@code WebSocketServerProtocolHandler} assembles it:
 * {@link WebSocket08FrameDecoder} expecting masked frames, then {@link Utf8FrameValidator}
 * (which the protocol handler adds when {@code withUTF8Validator} is set; the decoder alone
 * checks UTF-8 only in close reasons), then the application's handler, here a sink that
 * releases each frame.
 *
 * <p>Why a pipeline and not a direct call to {@code decode}: the decoder is a
 * {@code ByteToMessageDecoder}, and its cumulation, its loop and one {@code fireChannelRead}
 * per frame are what every Netty WebSocket server pays; the validator is a handler and can only
 * be reached that way. The {@link EmbeddedChannel} contributes its pipeline and nothing else:
 * frames never reach its inbound queue, and a read is {@code fireChannelRead} plus
 * {@code fireChannelReadComplete}, as the event loop issues them. wskit's counterpart is
 * {@code receive} calling the handler, so both sides include the hop to the application.
 *
 * <p>The decoder copies each payload into a buffer from the channel's allocator (Netty 4.2's
 * default: the adaptive pooled allocator, direct buffers), and unmasks there; the input is
 * left as it was.
 */
final class NettyServerDecoder {
    private static final int MAX_FRAME_PAYLOAD = dev.wskit.protocol.WebSocketConfig.defaults().maxFramePayload(); // wskit's default limit

    private final EmbeddedChannel channel;
    private final ChannelPipeline pipeline;

    NettyServerDecoder(FrameSink<ByteBuf> sink) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .withUTF8Validator(true)
                .build();
        channel = new EmbeddedChannel(
                new WebSocket08FrameDecoder(config), new Utf8FrameValidator(), new SinkHandler(sink));
        pipeline = channel.pipeline();
    }

    /**
     * Decodes all of {@code in}. The decoder takes one reference and releases it once every byte
     * is read (the {@code ByteToMessageDecoder} contract).
     */
    void decode(ByteBuf in) {
        pipeline.fireChannelRead(in);
        pipeline.fireChannelReadComplete();
        // Rethrows what reached the pipeline's tail: a protocol violation must not pass as speed.
        channel.checkException();
    }

    void close() {
        channel.finishAndReleaseAll();
    }

    private static final class SinkHandler extends ChannelInboundHandlerAdapter {
        private final FrameSink<ByteBuf> sink;

        SinkHandler(FrameSink<ByteBuf> sink) {
            this.sink = sink;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            try {
                sink.frame(frame instanceof TextWebSocketFrame, frame.content());
            } finally {
                frame.release();
            }
        }
    }
}
