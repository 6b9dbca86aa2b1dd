package dev.wskit.transport.netty.http2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * Tells, from a cleartext connection's first bytes, an HTTP/2 client with prior knowledge (h2c,
 * RFC 9113 §3.3: it opens with the connection preface) from an HTTP/1.1 one, as soon as a byte
 * differs from the preface or all of it has come, then hands the connection, with every byte
 * read so far, to the matching pipeline and leaves.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final ServingPipelines pipelines;

    ProtocolDetector(ServingPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int compared = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean preface = true;
        for (int i = 0; i < compared && preface; i++) {
            preface = in.getByte(in.readerIndex() + i) == PREFACE.getByte(PREFACE.readerIndex() + i);
        }
        if (preface && compared < PREFACE.readableBytes()) {
            return;
        }
        if (preface) {
            pipelines.http2(ctx.pipeline(), ctx.name());
        } else {
            pipelines.http1(ctx.pipeline(), ctx.name());
        }
        // Leaving, the decoder hands what it holds to the handlers just added.
        ctx.pipeline().remove(this);
    }
}
