package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.engine.PreparedMessage;
import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.fuzz.Allocations;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A message encoded once for many connections: each connection queues the bytes a send of its own
 * would have, without a copy where it can share them, and with frames of its own where it cannot.
 */
class PreparedMessageTest {
    private static final int SIZE = 64 * 1024;
    private static final WebSocketConfig BIG_FRAMES = WebSocketConfig.builder().maxOutgoingFrameSize(1 << 20).build();

    private static byte[] noise(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void everyServerConnectionWritesTheBytesItsOwnSendWould() {
        byte[] payload = noise(SIZE);
        PreparedMessage binary = PreparedMessage.binary(ByteBuffer.wrap(payload));
        PreparedMessage text = PreparedMessage.text("héllo, 🌍");
        ServerUnderTest own = new ServerUnderTest(BIG_FRAMES);
        own.connection.socket().sendBinary(ByteBuffer.wrap(payload));
        own.connection.socket().sendText("héllo, 🌍");
        String expected = own.writtenHex();

        for (int i = 0; i < 3; i++) {
            ServerUnderTest shared = new ServerUnderTest(BIG_FRAMES);
            assertThat(binary.sendTo(shared.connection.socket())).isTrue();
            assertThat(text.sendTo(shared.connection.socket())).isTrue();
            assertThat(shared.writtenHex()).isEqualTo(expected);
        }
    }

    @Test
    void aServerConnectionQueuesTheSharedBytesWithoutCopyingThem() {
        PreparedMessage prepared = PreparedMessage.binary(ByteBuffer.wrap(noise(SIZE)));
        List<ServerUnderTest> connections = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            connections.add(new ServerUnderTest(BIG_FRAMES));
        }
        prepared.sendTo(connections.get(0).connection.socket()); // classes loaded, paths warmed

        long before = Allocations.byThisThread();
        for (ServerUnderTest connection : connections.subList(1, connections.size())) {
            prepared.sendTo(connection.connection.socket());
        }
        long perConnection = (Allocations.byThisThread() - before) / (connections.size() - 1);

        assertThat(perConnection).as("bytes allocated per connection for a 64 KiB message").isLessThan(1024);
        for (ServerUnderTest connection : connections) {
            ByteBuffer queued = connection.connection.pollOutbound();
            assertThat(queued.isDirect()).as("in memory no transport copies to write").isTrue();
            assertThat(queued.remaining()).as("a 64-bit length header (RFC 6455 §5.2)").isEqualTo(SIZE + 10);
        }
        // The same send of one's own copies the message.
        ServerUnderTest own = new ServerUnderTest(BIG_FRAMES);
        long ownBefore = Allocations.byThisThread();
        own.connection.socket().sendBinary(ByteBuffer.wrap(noise(SIZE)));
        assertThat(Allocations.byThisThread() - ownBefore).isGreaterThan(SIZE);
    }

    @Test
    void aClientMasksItsOwnCopyWithAFreshKey() {
        PreparedMessage prepared = PreparedMessage.text("to the server");
        WebSocketConfig config = WebSocketConfig.builder().random(ClientConnectionTest.rfcNonceThenSeeded()).build();
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine client = WebSocketEngine.client(
                dev.wskit.protocol.handshake.ClientHandshake.builder(URI.create("ws://server.example.com/chat")).build(config),
                config, events, new TestClock());
        ServerUnderTest.drain(client);
        client.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_RESPONSE.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(events.take()).containsExactly("open");

        assertThat(prepared.sendTo(client.socket())).isTrue();

        ServerUnderTest server = new ServerUnderTest();
        byte[] masked = ServerUnderTest.drain(client);
        assertThat(masked[1] & 0x80).as("MASK bit (RFC 6455 §5.3)").isEqualTo(0x80);
        server.receive(masked);
        assertThat(server.events.take()).containsExactly("text:to the server");
    }

    @Test
    void aConnectionWithSmallerFramesSplitsTheMessageItself() {
        byte[] payload = noise(5000);
        ServerUnderTest small = new ServerUnderTest(WebSocketConfig.builder().maxOutgoingFrameSize(2048).build());
        PreparedMessage.binary(ByteBuffer.wrap(payload)).sendTo(small.connection.socket());
        ServerUnderTest own = new ServerUnderTest(WebSocketConfig.builder().maxOutgoingFrameSize(2048).build());
        own.connection.socket().sendBinary(ByteBuffer.wrap(payload));
        assertThat(small.writtenHex()).isEqualTo(own.writtenHex());
    }

    @Test
    void withoutContextTakeoverTheMessageIsCompressedOnceForEveryConnection() {
        WebSocketConfig noTakeover = WebSocketConfig.builder().perMessageDeflate(
                PerMessageDeflateConfig.builder().threshold(0).serverNoContextTakeover(true).build()).build();
        String offer = PerMessageDeflateTest.OFFER.replace("client_max_window_bits", "server_no_context_takeover");
        String accept = PerMessageDeflateTest.ACCEPT.replace("permessage-deflate", "permessage-deflate; server_no_context_takeover");
        PreparedMessage prepared = PreparedMessage.text("Hello");
        ServerUnderTest first = new ServerUnderTest(noTakeover, offer, accept);
        prepared.sendTo(first.connection.socket());
        // The RFC 7692 §7.2.3.1 bytes of "Hello", compressed alone.
        assertThat(first.writtenHex()).isEqualTo("c107f248cdc9c90700");

        List<ServerUnderTest> more = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            more.add(new ServerUnderTest(noTakeover, offer, accept));
        }
        prepared.sendTo(more.get(0).connection.socket()); // the cache's first comparison bootstraps its record
        long before = Allocations.byThisThread();
        for (ServerUnderTest connection : more.subList(1, more.size())) {
            prepared.sendTo(connection.connection.socket());
        }
        long perConnection = (Allocations.byThisThread() - before) / (more.size() - 1);
        // A Deflater and its output buffers alone would be kilobytes.
        assertThat(perConnection).as("bytes allocated per connection: no zlib state, no output").isLessThan(256);
        for (ServerUnderTest connection : more) {
            assertThat(connection.writtenHex()).isEqualTo("c107f248cdc9c90700");
        }
    }

    @Test
    void withContextTakeoverEachConnectionCompressesAgainstItsOwnWindow() {
        WebSocketConfig takeover = WebSocketConfig.builder().perMessageDeflate(
                PerMessageDeflateConfig.builder().threshold(0).build()).build();
        ServerUnderTest server = new ServerUnderTest(takeover, PerMessageDeflateTest.OFFER, PerMessageDeflateTest.ACCEPT);
        PreparedMessage hello = PreparedMessage.text("Hello");
        hello.sendTo(server.connection.socket());
        hello.sendTo(server.connection.socket());
        // RFC 7692 §7.2.3.2: the second refers back into the first.
        assertThat(server.writtenHex()).isEqualTo("c107f248cdc9c90700" + "c105f200110000");
    }

    @Test
    void misuseGetsTheAnswersOfAnOrdinarySend() {
        assertThatThrownBy(() -> PreparedMessage.text("lone \ud800 surrogate")).isInstanceOf(IllegalArgumentException.class);

        ServerUnderTest server = new ServerUnderTest();
        PreparedMessage prepared = PreparedMessage.text("whole");
        server.connection.socket().sendText("a piece", false);
        assertThatThrownBy(() -> prepared.sendTo(server.connection.socket())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RFC 6455 §5.4");
        server.connection.socket().sendText(" and its end", true);
        server.connection.socket().close();
        server.written();
        assertThat(prepared.sendTo(server.connection.socket())).as("refused after close, as a send").isFalse();
        assertThat(server.written()).isEmpty();
    }
}
