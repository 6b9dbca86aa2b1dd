package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.transport.core.ConnectionDriver;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.util.concurrent.CompletableFuture;

/**
 * A client's stream (RFC 8441 §4, §5): once the stream channel is up, the extended CONNECT goes
 * out as HEADERS; the server's answer HEADERS go to the engine, which opens on a 2xx and fails
 * the connect with the status otherwise. The frames follow in DATA, masked as ever.
 */
final class Http2ClientStream extends Http2StreamIo {
    private final ClientHandshake handshake;
    private final WebSocketConfig config;
    private final WebSocketHandler handler;
    private final CompletableFuture<WebSocket> opened;
    private boolean answered;

    Http2ClientStream(ClientHandshake handshake, WebSocketConfig config, WebSocketHandler handler,
                      CompletableFuture<WebSocket> opened) {
        super(config);
        this.handshake = handshake;
        this.config = config;
        this.handler = handler;
        this.opened = opened;
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
        if (driver != null) {
            return;
        }
        driver = ConnectionDriver.client(handshake, config, handler, this);
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
            driver.receiveHttp2Response(fields(frame.headers()));
        }
        endOfInput(frame.isEndStream());
    }
}
