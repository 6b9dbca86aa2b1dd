package dev.wskit.protocol;

import static dev.wskit.protocol.Rfc6455Examples.bytes;
import static dev.wskit.protocol.Wire.masked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** permessage-deflate in the engine (RFC 7692 §6, §7.2): the RFC's bytes, round trips, and hostile input. */
class PerMessageDeflateTest {
    private static final PerMessageDeflateConfig EVERY_MESSAGE = PerMessageDeflateConfig.builder().threshold(0).build();
    static final String OFFER = Rfc6455Examples.OPENING_REQUEST.replace("\r\n\r\n",
            "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");
    static final String ACCEPT = Rfc6455Examples.OPENING_RESPONSE.replace("\r\n\r\n",
            "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");

    private static ServerUnderTest server(PerMessageDeflateConfig deflate, int maxMessageSize) {
        WebSocketConfig config = WebSocketConfig.builder().perMessageDeflate(deflate).maxMessageSize(maxMessageSize).build();
        return new ServerUnderTest(config, OFFER, ACCEPT);
    }

    private static ServerUnderTest server() {
        return server(EVERY_MESSAGE, 1 << 20);
    }

    /** Incompressible bytes come out of deflate a little larger: a message at the limit still fits its frame. */
    @Test
    void aMessageAtTheDefaultLimitIsAcceptedCompressedThoughCompressionGrewIt() {
        byte[] noise = new byte[WebSocketConfig.defaults().maxMessageSize()];
        new java.util.Random(7).nextBytes(noise);
        byte[] compressed = rawDeflate(noise);
        assertThat(compressed.length).isGreaterThan(WebSocketConfig.defaults().maxFramePayload());
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().perMessageDeflate(EVERY_MESSAGE).build(),
                OFFER, ACCEPT);

        server.receive(Wire.masked(0xc2, compressed));

        assertThat(server.events.take()).containsExactly("binary:" + java.util.HexFormat.of().formatHex(noise));
    }

    @Test
    void compressesHelloExactlyAsRfc7692Section7231() {
        ServerUnderTest server = server();
        server.connection.socket().sendText("Hello");
        assertThat(server.writtenHex()).isEqualTo("c107f248cdc9c90700");
    }

    @Test
    void sharesTheWindowAcrossMessagesAsRfc7692Section7232() {
        ServerUnderTest server = server();
        server.connection.socket().sendText("Hello");
        server.connection.socket().sendText("Hello");
        assertThat(server.writtenHex()).isEqualTo("c107f248cdc9c90700" + "c105f200110000");
    }

    @Test
    void resetsTheWindowPerMessageWithNoContextTakeover() {
        WebSocketConfig config = WebSocketConfig.builder()
                .perMessageDeflate(PerMessageDeflateConfig.builder().threshold(0).serverNoContextTakeover(true).build()).build();
        ServerUnderTest server = new ServerUnderTest(config, OFFER,
                ACCEPT.replace("permessage-deflate", "permessage-deflate; server_no_context_takeover"));
        server.connection.socket().sendText("Hello");
        server.connection.socket().sendText("Hello");
        assertThat(server.writtenHex()).isEqualTo("c107f248cdc9c90700" + "c107f248cdc9c90700");
    }

    @ParameterizedTest(name = "RFC 7692 §7.2.3 payload {0}")
    @ValueSource(strings = {
            "c1|f248cdc9c90700",                   // 7.2.3.1 one compressed block
            "c1|000500faff48656c6c6f00",           // 7.2.3.3 a block with no compression
            "c1|f348cdc9c90700",                   // 7.2.3.4 a block with BFINAL set
            "c1|f24805000000ffffcac9c90700",       // 7.2.3.5 two blocks in one message
            "41|f248cd,80|c9c90700"})              // 7.2.3.1 the same message in two frames
    void inflatesTheRfcExamples(String frames) {
        ServerUnderTest server = server();
        for (String frame : frames.split(",")) {
            String[] parts = frame.split("\\|");
            server.receive(masked(Integer.parseInt(parts[0], 16), java.util.HexFormat.of().parseHex(parts[1])));
        }
        assertThat(server.events.take()).containsExactly("text:Hello");
    }

    /**
     * RFC 7692 §7.2.3.4: after a final block nothing more of the message is DEFLATE data (the RFC's
     * own payload ends with a padding octet), and the next message starts a new stream, whether
     * the two arrive in one read or byte by byte. Found by ConnectionFuzzTest.
     */
    @ParameterizedTest(name = "first payload {0}")
    @ValueSource(strings = {"f348cdc9c9070000", "f348cdc9c90700"})
    void inflatesTheMessageAfterOneEndedByAFinalBlockHoweverTheBytesAreCut(String finalBlockPayload) {
        byte[] first = masked(0xc1, java.util.HexFormat.of().parseHex(finalBlockPayload));
        byte[] second = masked(0xc1, bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));
        assertThat(server().receive(first, second).events.take()).containsExactly("text:Hello", "text:Hello");
        assertThat(server().receiveByteByByte(first, second).events.take()).containsExactly("text:Hello", "text:Hello");
    }

    @Test
    void inflatesTwoMessagesSharingTheWindowAsRfc7692Section7232() {
        ServerUnderTest server = server()
                .receive(masked(0xc1, bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00)), masked(0xc1, bytes(0xf2, 0x00, 0x11, 0x00, 0x00)));
        assertThat(server.events.take()).containsExactly("text:Hello", "text:Hello");
    }

    @Test
    void acceptsUncompressedMessagesBetweenCompressedOnes() {
        ServerUnderTest server = server()
                .receive(masked(0x81, "plain"), masked(0xc1, bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00)), masked(0x82, bytes(1, 2)));
        assertThat(server.events.take()).containsExactly("text:plain", "text:Hello", "binary:0102");
    }

    @Test
    void sendsSmallMessagesUncompressedBelowTheThreshold() {
        ServerUnderTest server = server(PerMessageDeflateConfig.builder().threshold(6).build(), 1 << 20);
        server.connection.socket().sendText("Hello");
        server.connection.socket().sendText("Hello!");
        assertThat(server.writtenHex()).startsWith("810548656c6c6f" + "c1");
    }

    @Test
    void failsWith1002OnRsv1OnAContinuationFrame() {
        ServerUnderTest server = server().receive(masked(0x41, bytes(0xf2, 0x48)), masked(0xc0, bytes(0xcd)));
        assertThat(server.events.take()).containsExactly("error:RESERVED_BITS_SET", "close:1002:");
    }

    @Test
    void failsWith1002OnRsv1OnAControlFrame() {
        ServerUnderTest server = server().receive(masked(0xc9, new byte[0]));
        assertThat(server.events.take()).containsExactly("error:RESERVED_BITS_SET", "close:1002:");
    }

    @Test
    void failsWith1002OnDataThatDoesNotInflate() {
        ServerUnderTest server = server().receive(masked(0xc1, bytes(0xff, 0xff, 0xff, 0xff)));
        assertThat(server.events.take()).containsExactly("error:INVALID_COMPRESSED_DATA", "close:1002:");
    }

    @Test
    void failsWith1007WhenInflatedTextIsNotUtf8() {
        ServerUnderTest server = server().receive(masked(0xc1, rawDeflate(bytes(0x41, 0xed, 0xa0, 0x80))));
        assertThat(server.events.take()).containsExactly("error:INVALID_UTF8", "close:1007:");
    }

    @Test
    void stopsADecompressionBombAtTheMessageLimit() {
        byte[] bomb = rawDeflate(new byte[64 << 20]);
        assertThat(bomb.length).as("64 MiB of zeros deflate to a small frame").isLessThan(100_000);
        ServerUnderTest server = server(EVERY_MESSAGE, 1 << 20);
        server.receive(masked(0xc2, bomb));
        assertThat(server.events.take()).containsExactly("error:MESSAGE_TOO_BIG", "close:1009:");
        assertThat(server.events.errors().get(0).getMessage()).contains("limit 1048576");
    }

    @ParameterizedTest(name = "context takeover on both sides: {0}")
    @ValueSource(booleans = {true, false})
    void roundTripsCompressedFragmentedAndMixedMessagesBetweenEngines(boolean takeover) {
        PerMessageDeflateConfig deflate = PerMessageDeflateConfig.builder().threshold(10)
                .serverNoContextTakeover(!takeover).clientNoContextTakeover(!takeover).build();
        WebSocketConfig config = WebSocketConfig.builder().perMessageDeflate(deflate).maxOutgoingFrameSize(7).build();
        EnginePair pair = new EnginePair(config, config);
        String longText = "wskit compresses this sentence, and this sentence again. ".repeat(20);
        pair.client.socket().sendText(longText);
        pair.client.socket().sendText("short");
        pair.client.socket().sendBinary(ByteBuffer.wrap(new byte[3000]));
        pair.client.socket().sendText("ünïcödé pieces ", false);
        pair.client.socket().sendText("of one message", true);
        pair.server.socket().sendText(longText);
        pair.pump();
        assertThat(pair.serverEvents.take()).containsExactly("text:" + longText, "text:short",
                "binary:" + "00".repeat(3000), "text:ünïcödé pieces of one message");
        assertThat(pair.clientEvents.take()).containsExactly("text:" + longText);
    }

    @Test
    void theJdkClientsWayWithoutAnOfferStaysUncompressed() {
        WebSocketConfig config = WebSocketConfig.builder().perMessageDeflate(EVERY_MESSAGE).build();
        ServerUnderTest server = new ServerUnderTest(config);
        server.connection.socket().sendText("Hello");
        assertThat(server.written()).isEqualTo(Rfc6455Examples.unmaskedHello());
        server.receive(masked(0xc1, "Hello"));
        assertThat(server.events.take()).containsExactly("error:RESERVED_BITS_SET", "close:1002:");
    }

    @Test
    void aClientOffersDeflateAndUsesItWhenAccepted() {
        WebSocketConfig config = WebSocketConfig.builder().perMessageDeflate(EVERY_MESSAGE).build();
        EnginePair pair = new EnginePair(config, config);
        pair.client.socket().sendText("Hello");
        ByteBuffer frame = pair.client.pollOutbound();
        assertThat(frame.get(0) & 0xff).as("RSV1 and FIN on a text frame").isEqualTo(0xc1);
        assertThat(ClientConnectionTest.unmaskedPayloadBytes(toArray(frame))).isEqualTo(bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));
    }

    @Test
    void refusesAMalformedExtensionsHeaderWith400() {
        WebSocketConfig config = WebSocketConfig.builder().perMessageDeflate(EVERY_MESSAGE).build();
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(config, events, new TestClock());
        connection.receive(ByteBuffer.wrap(OFFER.replace("client_max_window_bits", "a=\"unterminated")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(new String(ServerUnderTest.drain(connection), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 400 ").endsWith("malformed Sec-WebSocket-Extensions\n");
        assertThat(events.take()).containsExactly("error:MALFORMED_EXTENSIONS");
    }

    static byte[] rawDeflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        deflater.end();
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 4);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
