package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.Role;
import dev.wskit.protocol.frame.FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One stream of an {@link Http2Peer}, as a WebSocket client over it: sends the request HEADERS
 * and masked RFC 6455 frames in DATA, and reads the server's answer, its unmasked frames, its
 * END_STREAM and its RST_STREAM. Reading happens on the event loop, waiting on the test's thread.
 */
public final class Http2PeerStream extends ChannelInboundHandlerAdapter {
    private static final long WAIT_SECONDS = 10;

    private final FrameEncoder encoder = new FrameEncoder(Role.CLIENT, new Random(8441));
    private final CompletableFuture<Http2Headers> answer = new CompletableFuture<>();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<Http2Error> reset = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteArrayOutputStream unparsed = new ByteArrayOutputStream();
    private volatile Channel channel;
    /** Whether this stream asked for a WebSocket, so a 200's DATA is frames. */
    private volatile boolean webSocket;

    /** A frame the server sent. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /** RFC 8441 §5's request: an extended CONNECT, plus {@code extra} name/value pairs. */
    public static Http2Headers webSocketRequest(String path, String... extra) {
        Http2Headers headers = new DefaultHttp2Headers().method("CONNECT").scheme("http").path(path)
                .authority("localhost");
        headers.set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket");
        headers.set("sec-websocket-version", "13");
        for (int i = 0; i < extra.length; i += 2) {
            headers.add(extra[i], extra[i + 1]);
        }
        return headers;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** The stream's identifier (RFC 9113 §5.1.1), once its first HEADERS went out. */
    public int id() {
        return ((Http2StreamChannel) channel).stream().id();
    }

    public Http2PeerStream send(Http2Headers headers, boolean endStream) {
        webSocket = "CONNECT".contentEquals(headers.method());
        channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, endStream)).syncUninterruptibly();
        return this;
    }

    /** Opens the WebSocket on {@code path} and returns the answer's status. */
    public String connect(String path, String... extra) throws Exception {
        send(webSocketRequest(path, extra), false);
        return status();
    }

    public String status() throws Exception {
        return answer().status().toString();
    }

    public Http2Headers answer() throws Exception {
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A masked frame, in one DATA frame. */
    public Http2PeerStream sendFrame(boolean fin, int opcode, byte[] payload) {
        return sendBytes(bytes(encoder.encode(fin, 0, opcode, ByteBuffer.wrap(payload))), false);
    }

    public Http2PeerStream sendBytes(byte[] bytes, boolean endStream) {
        channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), endStream)).syncUninterruptibly();
        return this;
    }

    public void sendReset() {
        channel.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL)).syncUninterruptibly();
    }

    public Frame nextFrame() throws InterruptedException {
        Frame frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(frame).as("a frame from the server").isNotNull();
        return frame;
    }

    /** Waits for the server's END_STREAM. */
    public void awaitEnd() throws Exception {
        ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The answer's status, or {@code "reset:" + error} when the server reset the stream instead. */
    public String statusOrReset() throws Exception {
        CompletableFuture.anyOf(answer, reset).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return reset.isDone() ? "reset:" + reset.get() : status();
    }

    public Http2Error awaitReset() throws Exception {
        return reset.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The DATA of an answer that was not a WebSocket's, as text; after {@link #awaitEnd()}. */
    public String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** A stream opened not reading starts reading: what it holds is read, and its window opens again. */
    public void startReading() {
        channel.eventLoop().execute(() -> {
            channel.config().setAutoRead(true);
            channel.read();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                answer.complete(headers.headers());
                if (headers.isEndStream()) {
                    ended.complete(null);
                }
            } else if (msg instanceof Http2DataFrame data) {
                read(data.content());
                if (data.isEndStream()) {
                    ended.complete(null);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2ResetFrame resetFrame) {
            reset.complete(Http2Error.valueOf(resetFrame.errorCode()));
        }
        ctx.fireUserEventTriggered(event);
    }

    private void read(ByteBuf content) {
        byte[] bytes = new byte[content.readableBytes()];
        content.readBytes(bytes);
        if (!webSocket || !"200".contentEquals(answer.getNow(new DefaultHttp2Headers().status("0")).status())) {
            body.writeBytes(bytes);
            return;
        }
        unparsed.writeBytes(bytes);
        parseFrames();
    }

    /** RFC 6455 §5.2, for the server's unmasked frames only. */
    private void parseFrames() {
        ByteBuffer in = ByteBuffer.wrap(unparsed.toByteArray());
        while (in.remaining() >= 2) {
            int start = in.position();
            int b0 = in.get() & 0xff;
            int length = in.get() & 0x7f;
            long payloadLength = length;
            if (length == 126) {
                if (in.remaining() < 2) {
                    in.position(start);
                    break;
                }
                payloadLength = in.getShort() & 0xffff;
            } else if (length == 127) {
                if (in.remaining() < 8) {
                    in.position(start);
                    break;
                }
                payloadLength = in.getLong();
            }
            if (in.remaining() < payloadLength) {
                in.position(start);
                break;
            }
            byte[] payload = new byte[(int) payloadLength];
            in.get(payload);
            frames.add(new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload));
        }
        unparsed.reset();
        unparsed.write(in.array(), in.position(), in.remaining());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
