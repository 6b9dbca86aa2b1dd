package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.handshake.ClientHandshake;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate cases first found over loopback against Netty's server
 * ({@code DeflateClientInteropTest} in ws-conformance): an empty last piece, and a client's
 * client_no_context_takeover that the server's answer leaves out.
 */
class PerMessageDeflateEdgeCaseTest {
    private static final PerMessageDeflateConfig EVERY_MESSAGE = PerMessageDeflateConfig.builder().threshold(0).build();
    private static final String ACCEPT = Rfc6455Examples.OPENING_RESPONSE.replace("\r\n\r\n",
            "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");

    private static ServerUnderTest server() {
        WebSocketConfig config = WebSocketConfig.builder().perMessageDeflate(EVERY_MESSAGE).build();
        return new ServerUnderTest(config, Rfc6455Examples.OPENING_REQUEST.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"), ACCEPT);
    }

    @Test
    void endsAMessageWithAnEmptyLastPieceAsTheSingleByte00() {
        ServerUnderTest server = server();
        server.connection.socket().sendText("Hello", false);
        server.connection.socket().sendText("", true);
        // RFC 7692 §7.2.3.6: the flushed first piece keeps its 00 00 ff ff; the empty end is 00.
        assertThat(server.writtenHex()).isEqualTo("410b" + "f248cdc9c90700" + "0000ffff" + "800100");
    }

    @Test
    void sendsAnEmptyMessageAfterACompressedOneAs00() {
        ServerUnderTest server = server();
        server.connection.socket().sendText("Hello");
        server.connection.socket().sendText("");
        assertThat(server.writtenHex()).isEqualTo("c107f248cdc9c90700" + "c10100");
    }

    @Test
    void anEmptyLastPieceInflatesBackToTheWholeMessage() {
        WebSocketConfig config = WebSocketConfig.builder().perMessageDeflate(EVERY_MESSAGE).build();
        EnginePair pair = new EnginePair(config, config);
        pair.client.socket().sendText("Hello", false);
        pair.client.socket().sendText("", true);
        pair.client.socket().sendText("");
        pair.client.socket().sendText("Hello");
        pair.pump();
        assertThat(pair.serverEvents.take()).containsExactly("text:Hello", "text:", "text:Hello");
    }

    @Test
    void aClientKeepsTheClientNoContextTakeoverItOfferedWhenTheAnswerLeavesItOut() {
        WebSocketConfig config = WebSocketConfig.builder().random(ClientConnectionTest.rfcNonceThenSeeded())
                .perMessageDeflate(PerMessageDeflateConfig.builder().threshold(0).clientNoContextTakeover(true).build()).build();
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine client = WebSocketEngine.client(
                ClientHandshake.builder(URI.create("ws://server.example.com/chat")).build(config), config, events, new TestClock());
        assertThat(new String(drain(client), StandardCharsets.US_ASCII))
                .contains("\r\nSec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; client_max_window_bits\r\n");
        client.receive(ByteBuffer.wrap(ACCEPT.getBytes(StandardCharsets.US_ASCII)));
        assertThat(events.take()).containsExactly("open");
        client.socket().sendText("Hello");
        client.socket().sendText("Hello");
        // RFC 7692 §7.1.1.2: each message compressed alone, so both carry the §7.2.3.1 bytes.
        byte[] both = drain(client);
        byte[] first = java.util.Arrays.copyOfRange(both, 0, both.length / 2);
        byte[] second = java.util.Arrays.copyOfRange(both, both.length / 2, both.length);
        assertThat(ClientConnectionTest.unmaskedPayloadBytes(first)).isEqualTo(Rfc6455Examples.bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));
        assertThat(ClientConnectionTest.unmaskedPayloadBytes(second)).isEqualTo(Rfc6455Examples.bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00));
    }
}
