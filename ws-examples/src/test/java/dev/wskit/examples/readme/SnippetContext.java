package dev.wskit.examples.readme;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.netty.NettyWebSocketClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The placeholders the documentation's statement snippets use for what the reader's application
 * has: each snippet that is statements compiles as the {@link #run()} of a subclass of this (see
 * {@link SnippetCompiler}), so it may name these as if its application declared them. Most are
 * only compiled, and a value here is then only what the type needs; the I/O of the engine's
 * snippet runs too: {@link #bytesFromPeer} is RFC 6455's sample opening request, and
 * {@link #writeToPeer} keeps what it is given.
 */
public abstract class SnippetContext {
    /** The opening request of RFC 6455 §1.2 (its key's accept value is {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}). */
    static final String SAMPLE_REQUEST = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** What {@link #writeToPeer} was given, in order. */
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    /** The application's handler of one connection. */
    protected final WebSocketHandler handler = new WebSocketHandler() { };
    /** The server to connect to. */
    protected final URI uri = URI.create("ws://127.0.0.1:9001/");
    /** A bearer token the application holds. */
    protected final String token = "t0ken";
    /** The application's session store: token to user. */
    protected final Map<String, String> sessions = Map.of();
    /** A client, its connects completing a future (Netty's). */
    protected NettyWebSocketClient client;
    /** A Netty channel of the application's own pipeline. */
    protected Channel channel;
    /** The context of a Netty handler of the application's. */
    protected ChannelHandlerContext ctx;
    /** The connections the application broadcasts to. */
    protected final List<WebSocket> subscribers = List.of();
    /** The connection a relay forwards to. */
    protected WebSocket partner;
    /** A payload the application sends. */
    protected final byte[] bytes = new byte[0];
    /** The application's handler of plain HTTP requests on Vert.x. */
    protected Handler<HttpServerRequest> yourHandler;
    /** A vertx-web router, which this project does not depend on: see {@link Router}. */
    protected Router router;
    /** The application's Micrometer registry. */
    protected final MeterRegistry registry = new SimpleMeterRegistry();
    /** The server's TLS context. */
    protected SSLContext serverContext;
    /** Bytes the application's own I/O read from the peer: an opening request. */
    protected final ByteBuffer bytesFromPeer = ByteBuffer.wrap(SAMPLE_REQUEST.getBytes(StandardCharsets.US_ASCII));

    /** The snippet's statements. */
    protected abstract void run() throws Exception;

    /** The application's own I/O writing to the peer: kept in {@link #written}. */
    protected void writeToPeer(ByteBuffer out) {
        byte[] copy = new byte[out.remaining()];
        out.get(copy);
        written.writeBytes(copy);
    }

    /** The application's own I/O ending TCP gracefully. */
    protected void shutDownOutputThenCloseAtEof() {
    }

    /** The application's own I/O resetting TCP. */
    protected void resetYourSocket() {
    }

    /** The application's own timer, to call the engine's {@code wakeUp()} at {@code nanoTime}. */
    protected void scheduleWakeUpAt(long nanoTime) {
    }

    /** The application's handler of a connection whose upgrade it accepted. */
    public static class ChatHandler implements WebSocketHandler {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(socket.attributes().get("user") + ": " + text);
        }
    }

    /** The application's own HTTP handler, after the upgrade's in a Netty pipeline. */
    public static class YourHttpHandler extends ChannelInboundHandlerAdapter {
    }

    /**
     * Stands in for vertx-web's {@code Router}, which this project does not depend on: the same
     * calls, so the snippet that mounts wskit beside a router compiles as written.
     */
    public interface Router {
        /** A route for {@code path}. */
        Route route(String path);
    }

    /** Stands in for vertx-web's {@code Route}. */
    public interface Route {
        /** Handles each request routed here. */
        Route handler(Handler<RoutingContext> handler);
    }

    /** Stands in for vertx-web's {@code RoutingContext}. */
    public interface RoutingContext {
        /** The request routed. */
        HttpServerRequest request();

        /** Passes the request on to the next handler. */
        void next();
    }
}
