package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectionGroup;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client's stream (RFC 8441 §4, §5): once the stream channel is up, the extended CONNECT goes
 * out as HEADERS; the server's answer HEADERS go to the engine, which opens on a 2xx and fails
 * the connect with the status otherwise. The frames follow in DATA, masked as ever. Every stream
 * joins its client's group, so the client's close reaches it with 1001.
 */
final class Http2ClientStream extends Http2StreamIo {
    private final ClientHandshake handshake;
    private final ClientSettings settings;
    private final WebSocketHandler handler;
    private final CompletableFuture<WebSocket> opened;
    private final ConnectionGroup streams;
    private boolean started;
    private boolean answered;
    /** The header fields of a refusal whose body is still coming, or {@code null}. */
    private List<Map.Entry<String, String>> refusal;
    private final ByteArrayOutputStream refusalBody = new ByteArrayOutputStream();

    Http2ClientStream(ClientHandshake handshake, ClientSettings settings, WebSocketHandler handler,
                      CompletableFuture<WebSocket> opened, ConnectionGroup streams) {
        super(settings.config());
        this.handshake = handshake;
        this.settings = settings;
        this.handler = handler;
        this.opened = opened;
        this.streams = streams;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        super.handlerAdded(ctx);
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        ConnectionGroup.Member member = ConnectionGroup.Member.of(
                reason -> runAsOwner(() -> driver.goingAway(reason)), this::drop);
        if (!streams.tryAdd(member)) {
            // Opened while the client closes.
            opened.completeExceptionally(new IllegalStateException("client closed"));
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> streams.remove(member));
        driver = settings.newConnection(handshake, handler, this);
        driver.opened().whenComplete((socket, failure) -> {
            if (failure != null) {
                opened.completeExceptionally(failure);
            } else {
                opened.complete(socket);
            }
        });
        driver.start();
        Http2Headers request = new DefaultHttp2Headers();
        handshake.http2Fields().forEach(field -> request.add(field.getKey(), field.getValue()));
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(request, false));
    }

    @Override
    void receiveHeaders(Http2HeadersFrame frame) {
        if (!answered) {
            answered = true;
            List<Map.Entry<String, String>> fields = fields(frame.headers());
            if (!frame.isEndStream() && !isSuccess(frame.headers().status())) {
                // A refusal's body follows in DATA up to END_STREAM (RFC 9113 §8.1): read it first.
                refusal = fields;
                return;
            }
            driver.receiveHttp2Response(fields, new byte[0]);
        } else if (refusal != null && frame.isEndStream()) {
            // Trailers end the refusal's body.
            answerRefusal();
            return;
        }
        endOfInput(frame.isEndStream());
    }

    @Override
    void receiveData(Http2DataFrame frame) {
        if (refusal == null) {
            super.receiveData(frame);
            return;
        }
        ByteBuf content = frame.content();
        int room = UpgradeRefusedException.MAX_BODY_BYTES - refusalBody.size();
        byte[] read = new byte[Math.min(room, content.readableBytes())];
        content.readBytes(read);
        refusalBody.writeBytes(read);
        if (frame.isEndStream() || refusalBody.size() == UpgradeRefusedException.MAX_BODY_BYTES) {
            answerRefusal();
        }
    }

    /** The held refusal, with as much of its body as came, fails the connect; our half ends too. */
    private void answerRefusal() {
        List<Map.Entry<String, String>> fields = refusal;
        refusal = null;
        driver.receiveHttp2Response(fields, refusalBody.toByteArray());
        endOfInput(true);
    }

    private static boolean isSuccess(CharSequence status) {
        return status != null && status.length() == 3 && status.charAt(0) == '2';
    }
}
