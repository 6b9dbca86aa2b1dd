package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.ConnectionIo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * One HTTP/2 stream as one wskit connection (RFC 8441): the I/O of the shared
 * {@link ConnectionDriver} on a stream child channel of Netty's {@code Http2MultiplexHandler},
 * for either side. The opening HEADERS are each side's own ({@link Http2ServerStream},
 * {@link Http2ClientStream}); after it the RFC 6455 frames travel in DATA frames both ways.
 *
 * <p>RFC 8441 §5 maps the stream's ends onto TCP's: our graceful end is an empty DATA frame with
 * END_STREAM (the FIN), the peer's END_STREAM is its FIN, and an abort or a peer's RST_STREAM is
 * the reset (1006, unless the closing handshake completed).
 *
 * <p>Backpressure: what was written and not yet on the connection is counted here, including
 * DATA the peer's HTTP/2 flow-control window holds back (RFC 9113 §5.2), so a peer that does not
 * read stops the WebSocket's output as a full TCP window would. Not {@code @Sharable}.
 */
abstract class Http2StreamIo extends ChannelDuplexHandler implements ConnectionIo {
    private final long lowWaterMark;
    ChannelHandlerContext ctx;
    /** Made by the side once the stream opens; {@code null} before. */
    ConnectionDriver driver;
    /** Whether we sent END_STREAM: nothing more may be written on the stream (RFC 9113 §5.1). */
    boolean outputEnded;
    private boolean inReadBurst;
    private boolean unflushed;
    /** Bytes written and not yet on the connection. */
    private long unwritten;

    Http2StreamIo(WebSocketConfig config) {
        this.lowWaterMark = config.outboundLowWaterMark();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // ---- input ------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inReadBurst = true;
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                receiveHeaders(headers);
            } else if (msg instanceof Http2DataFrame data) {
                receiveData(data);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The stream's HEADERS: the request on a server, the answer on a client; later ones end input at most. */
    abstract void receiveHeaders(Http2HeadersFrame frame);

    /** The stream's DATA: the WebSocket's frames once it is open. */
    void receiveData(Http2DataFrame frame) {
        ByteBuf content = frame.content();
        if (driver != null && content.isReadable()) {
            if (content.nioBufferCount() == 1 && !content.isReadOnly()) {
                // The engine reads (and unmasks in place) Netty's own memory.
                driver.receive(content.nioBuffer(content.readerIndex(), content.readableBytes()));
            } else {
                ByteBuffer copy = ByteBuffer.allocate(content.readableBytes());
                content.getBytes(content.readerIndex(), copy);
                driver.receive(copy.flip());
            }
        }
        endOfInput(frame.isEndStream());
    }

    /**
     * RFC 8441 §5: the peer's END_STREAM is its TCP FIN. After our own END_STREAM the stream is
     * now closed and the channel goes; before it, we end our half too, and the driver hears the
     * close (a 1006 unless the closing handshake completed) when the channel goes.
     */
    final void endOfInput(boolean endStream) {
        if (endStream && !outputEnded) {
            endGracefully();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadBurst = false;
        flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (driver != null) {
            driver.outputProgressed();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The stream closed (both ends, a reset either way, or the connection went). */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        streamClosed();
        if (driver != null) {
            driver.transportClosed();
        }
        ctx.fireChannelInactive();
    }

    /** What the side lets go of when its stream closes, before the driver hears it. */
    void streamClosed() {
    }

    /** Any failure on the stream ends it; channelInactive reports it. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The server or client stopped waiting for the closing handshake: the stream ends at once. */
    final void drop() {
        runAsOwner(this::abort);
    }

    static List<Map.Entry<String, String>> fields(Http2Headers headers) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(headers.size());
        headers.forEach(field -> fields.add(Map.entry(field.getKey().toString(), field.getValue().toString())));
        return fields;
    }

    // ---- ConnectionIo: what the driver asks of the stream, on the event loop ----------------

    @Override
    public boolean isOwner() {
        return ctx != null && ctx.executor().inEventLoop();
    }

    @Override
    public void runAsOwner(Runnable task) {
        ctx.executor().execute(task);
    }

    /** One DATA frame, wrapping the bytes; Netty's encoder splits it to the peer's frame size. */
    @Override
    public void write(ByteBuffer bytes, PayloadRelease release) {
        if (outputEnded) {
            if (release != null) {
                release.release();
            }
            return;
        }
        int length = bytes.remaining();
        unwritten += length;
        ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes))).addListener(written -> {
            long before = unwritten;
            unwritten -= length;
            if (release != null) {
                release.release();
            }
            // The stream's writability does not count what flow control holds: this is its drain.
            if (before > lowWaterMark && unwritten <= lowWaterMark) {
                runAsOwner(driver::outputProgressed);
            }
        });
        unflushed = true;
    }

    /** Something was written; the flush comes at the end of the read burst, or now outside one. */
    final void wroteUnflushed() {
        unflushed = true;
    }

    @Override
    public void flush() {
        if (unflushed && !inReadBurst) {
            unflushed = false;
            ctx.flush();
        }
    }

    @Override
    public long unwrittenBytes() {
        return unwritten;
    }

    /** Not reading also stops the WINDOW_UPDATEs, so the peer's window closes (RFC 9113 §5.2). */
    @Override
    public void reading(boolean on) {
        ctx.channel().config().setAutoRead(on);
    }

    /** RFC 8441 §5: the TCP FIN of HTTP/1.1 is an END_STREAM here, after everything written. */
    @Override
    public void endGracefully() {
        if (outputEnded) {
            ctx.flush();
            return;
        }
        outputEnded = true;
        unflushed = false;
        ctx.writeAndFlush(new DefaultHttp2DataFrame(true));
    }

    /** RFC 8441 §5: the TCP reset is RST_STREAM, which closing an open stream's channel sends. */
    @Override
    public void abort() {
        ctx.channel().close();
    }

    @Override
    public String transportName() {
        return "netty-http2";
    }

    @Override
    public SocketAddress remoteAddress() {
        return ctx.channel().parent().remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return ctx.channel().parent().localAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        SslHandler tls = ctx.channel().parent().pipeline().get(SslHandler.class);
        return tls == null ? Optional.empty() : Optional.of(tls.engine().getSession());
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = ctx.executor().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
