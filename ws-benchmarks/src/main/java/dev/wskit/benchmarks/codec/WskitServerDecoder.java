package dev.wskit.benchmarks.codec;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.MessageDelivery;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.WebSocketEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server-role wskit engine, opened with the RFC 6455 §1.3 sample handshake, that hands each
 * data frame to a sink: the engine exactly as a transport drives it, minus the socket.
 *
 * <p>Messages are delivered as {@link MessageDelivery#FRAGMENTS}: a view of the unmasked,
 * UTF-8-validated payload in the read buffer, which is what Netty's decoder hands on too (a
 * frame holding a {@code ByteBuf}). {@link MessageDelivery#WHOLE} would add a {@code String}
 * per text message that Netty's side never builds.
 */
final class WskitServerDecoder {
    private final WebSocketEngine connection;

    WskitServerDecoder(FrameSink<ByteBuffer> sink) {
        WebSocketConfig config = WebSocketConfig.builder().delivery(MessageDelivery.FRAGMENTS).build();
        connection = WebSocketEngine.server(config, new WebSocketHandler() {
            @Override
            public void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
                sink.frame(true, utf8);
            }

            @Override
            public void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
                sink.frame(false, data);
            }
        }, System::nanoTime);
        connection.receive(ByteBuffer.wrap(CodecFixtures.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        connection.pollOutbound(); // the 101 response
        checkOpen();
    }

    /** Decodes all of {@code in}, unmasking it in place. */
    void decode(ByteBuffer in) {
        connection.receive(in);
        // A failed engine ignores its input: without this check a broken fixture would be
        // measured as a very fast decoder.
        if (in.hasRemaining() || connection.socket().state() != ConnectionState.OPEN) {
            throw new IllegalStateException("wskit stopped decoding", connection.failure());
        }
    }

    private void checkOpen() {
        if (connection.socket().state() != ConnectionState.OPEN) {
            throw new IllegalStateException("wskit did not open", connection.failure());
        }
    }
}
