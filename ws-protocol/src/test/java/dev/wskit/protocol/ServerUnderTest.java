package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A server-role engine opened with the RFC's sample handshake, with helpers to feed and drain it. */
public final class ServerUnderTest {
    public final RecordingHandler events = new RecordingHandler();
    public final TestClock clock = new TestClock();
    public final WebSocketEngine connection;

    public ServerUnderTest(WebSocketConfig config) {
        this(config, Rfc6455Examples.OPENING_REQUEST, Rfc6455Examples.OPENING_RESPONSE);
    }

    /** Opened with {@code request}, which must be answered with exactly {@code response}. */
    public ServerUnderTest(WebSocketConfig config, String request, String response) {
        this(config, MemoryAccount.UNLIMITED, request, response);
    }

    /** Its buffers reserved of {@code memory}. */
    public ServerUnderTest(WebSocketConfig config, MemoryAccount memory) {
        this(config, memory, Rfc6455Examples.OPENING_REQUEST, Rfc6455Examples.OPENING_RESPONSE);
    }

    /** Opened with {@code request}, answered with exactly {@code response}, its buffers reserved of {@code memory}. */
    public ServerUnderTest(WebSocketConfig config, MemoryAccount memory, String request, String response) {
        connection = WebSocketEngine.server(config, events, clock);
        connection.memoryAccount(memory);
        connection.receive(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(written(), StandardCharsets.US_ASCII)).isEqualTo(response);
        assertThat(events.take()).containsExactly("open");
    }

    public ServerUnderTest() {
        this(WebSocketConfig.defaults());
    }

    /** Feeds the bytes in one buffer. */
    public ServerUnderTest receive(byte[]... parts) {
        ByteBuffer in = ByteBuffer.wrap(Rfc6455Examples.concat(parts));
        connection.receive(in);
        assertThat(in.hasRemaining()).as("receive consumed everything").isFalse();
        return this;
    }

    /** Feeds the bytes one at a time. */
    public ServerUnderTest receiveByteByByte(byte[]... parts) {
        for (byte b : Rfc6455Examples.concat(parts)) {
            connection.receive(ByteBuffer.wrap(new byte[] {b}));
        }
        return this;
    }

    /** Everything the engine queued for the wire since the last call. */
    public byte[] written() {
        return drain(connection);
    }

    /** Everything {@code connection} queued for the wire, taken from it. */
    public static byte[] drain(WebSocketEngine connection) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b; (b = connection.pollOutbound()) != null; ) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    public String writtenHex() {
        return HexFormat.of().formatHex(written());
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
