package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.handshake.Http2ServerHandshake;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ServerSettings;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * A server's stream (RFC 8441 §5): its request HEADERS go to the engine as header fields, and the
 * engine's answer goes back as HEADERS. A stream that asks for a WebSocket holds one of its
 * connection's places while it is open; every stream joins the server's group, so a stop reaches it.
 */
final class Http2ServerStream extends Http2StreamIo {
    private final ServerSettings settings;
    private final WebSocketStreamLimit limit;
    private final ConnectionGroup connections;
    /** Whether this stream asked for a WebSocket, so its 2xx opens the tunnel (RFC 8441 §5). */
    private boolean extendedConnect;
    /** Whether this stream holds one of its connection's WebSocket stream places. */
    private boolean holdsPlace;

    Http2ServerStream(ServerSettings settings, WebSocketStreamLimit limit, ConnectionGroup connections) {
        super(settings.config());
        this.settings = settings;
        this.limit = limit;
        this.connections = connections;
    }

    @Override
    void receiveHeaders(Http2HeadersFrame frame) {
        if (driver != null) {
            // Trailers: a WebSocket's stream carries none, and a plain request's are not read.
            endOfInput(frame.isEndStream());
            return;
        }
        List<Map.Entry<String, String>> fields = fields(frame.headers());
        extendedConnect = Http2ServerHandshake.isExtendedConnect(fields);
        if (extendedConnect && !limit.tryTake()) {
            // RFC 9113 §8.7: REFUSED_STREAM says the stream was not processed, so it may be retried.
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
            ctx.close();
            return;
        }
        holdsPlace = extendedConnect;
        // On the owner, as the driver is made just below, on this loop.
        ConnectionGroup.Member member = ConnectionGroup.Member.of(
                reason -> runAsOwner(() -> driver.goingAway(reason)), this::drop);
        if (!connections.tryAdd(member)) {
            // Opened while the server stops: no driver, so nothing to tell when the stream goes.
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> connections.remove(member));
        driver = settings.newConnection(this);
        driver.start();
        driver.receiveHttp2Request(fields);
        endOfInput(frame.isEndStream());
    }

    /**
     * The answer as HTTP/2 frames it: HEADERS, then the body in DATA with END_STREAM. A 2xx to
     * an extended CONNECT opens the tunnel instead (RFC 8441 §5, RFC 9113 §8.5): the stream stays
     * open for the WebSocket's frames.
     */
    @Override
    public void writeAnswer(HttpResponse answer, ByteBuffer encoded) {
        Http2Headers headers = new DefaultHttp2Headers();
        Http2ServerHandshake.responseFields(answer).forEach(field -> headers.add(field.getKey(), field.getValue()));
        boolean tunnel = extendedConnect && answer.status() / 100 == 2;
        byte[] body = answer.body();
        boolean headersEndStream = !tunnel && body.length == 0;
        ctx.write(new DefaultHttp2HeadersFrame(headers, headersEndStream));
        if (!tunnel && body.length > 0) {
            ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
        }
        outputEnded = !tunnel;
        wroteUnflushed();
    }

    @Override
    void streamClosed() {
        if (holdsPlace) {
            holdsPlace = false;
            limit.release();
        }
    }
}
