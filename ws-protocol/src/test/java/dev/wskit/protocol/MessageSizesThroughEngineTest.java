package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The size of each message as {@link ConnectionListener#message} hears it, between two engines
 * (no sockets): one call per complete message each way, its payload as the application sees it,
 * however it was framed, fragmented or compressed on the wire.
 */
class MessageSizesThroughEngineTest {
    private static final PerMessageDeflateConfig EVERY_MESSAGE = PerMessageDeflateConfig.builder().threshold(0).build();

    private final Heard client = new Heard();
    private final Heard server = new Heard();

    @Test
    void textIsMeasuredInUtf8BytesEachWay() {
        EnginePair pair = pair(WebSocketConfig.defaults(), WebSocketConfig.defaults());
        pair.client.socket().sendText("héllo");
        pair.pump();
        assertThat(client.sizes).containsExactly("OUT:6");
        assertThat(server.sizes).containsExactly("IN:6");
    }

    /** RFC 6455 §5.4: three frames, one message; and the sender's pieces add up to it. */
    @Test
    void aMessageSentInPiecesIsOneMessageOfItsPiecesAddedUp() {
        EnginePair pair = pair(WebSocketConfig.defaults(), WebSocketConfig.defaults());
        pair.client.socket().sendBinary(ByteBuffer.wrap(new byte[3]), false);
        pair.client.socket().sendBinary(ByteBuffer.wrap(new byte[0]), false);
        pair.client.socket().sendBinary(ByteBuffer.wrap(new byte[40]), true);
        pair.pump();
        assertThat(pair.serverEvents.take()).containsExactly("binary:" + "00".repeat(43));
        assertThat(client.sizes).containsExactly("OUT:43");
        assertThat(server.sizes).containsExactly("IN:43");
    }

    @Test
    void aMessageCutIntoFramesBySizeIsOneMessage() {
        EnginePair pair = pair(WebSocketConfig.builder().maxOutgoingFrameSize(125).build(), WebSocketConfig.defaults());
        pair.client.socket().sendBinary(ByteBuffer.wrap(new byte[1000]));
        pair.pump();
        assertThat(client.sizes).containsExactly("OUT:1000");
        assertThat(server.sizes).containsExactly("IN:1000");
    }

    @Test
    void fragmentsDeliveredAsTheyComeAreMeasuredOnceAtTheLast() {
        WebSocketConfig streaming = WebSocketConfig.builder().delivery(MessageDelivery.FRAGMENTS).build();
        EnginePair pair = pair(WebSocketConfig.defaults(), streaming);
        pair.client.socket().sendText("ab", false);
        pair.client.socket().sendText("cde", true);
        pair.pump();
        assertThat(server.sizes).containsExactly("IN:5");
    }

    /** RFC 7692 §6: measured before deflation and after inflation, never as the compressed frame. */
    @Test
    void aCompressedMessageIsMeasuredAsTheApplicationSeesIt() {
        WebSocketConfig deflating = WebSocketConfig.builder().perMessageDeflate(EVERY_MESSAGE).build();
        EnginePair pair = pair(deflating, deflating);
        byte[] repetitive = new byte[10_000];
        Arrays.fill(repetitive, (byte) 'a');
        pair.client.socket().sendBinary(ByteBuffer.wrap(repetitive, 0, 4_000), false);
        pair.client.socket().sendBinary(ByteBuffer.wrap(repetitive, 4_000, 6_000), true);
        pair.server.socket().sendText("a".repeat(7_000));
        pair.pump();
        assertThat(client.sizes).containsExactly("OUT:10000", "IN:7000");
        assertThat(server.sizes).containsExactly("OUT:7000", "IN:10000");
    }

    @Test
    void controlFramesAndEmptyMessagesAreAsTheyAre() {
        EnginePair pair = pair(WebSocketConfig.defaults(), WebSocketConfig.defaults());
        pair.client.socket().sendPing(ByteBuffer.wrap(new byte[] {1, 2}));
        pair.client.socket().sendText("");
        pair.pump();
        assertThat(client.sizes).containsExactly("OUT:0");
        assertThat(server.sizes).containsExactly("IN:0");
    }

    @Test
    void aListenerThatDoesNotHearMessagesIsNeverCalledForOne() {
        ConnectionListener deaf = new ConnectionListener() {
            @Override
            public boolean hearsMessages() {
                return false;
            }

            @Override
            public void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
                throw new AssertionError("called for a message");
            }
        };
        EnginePair pair = new EnginePair(WebSocketConfig.defaults(), WebSocketConfig.defaults(), deaf, deaf);
        pair.client.socket().sendText("hello");
        pair.server.socket().sendText("hello");
        pair.pump();
        assertThat(pair.serverEvents.take()).containsExactly("text:hello");
        assertThat(pair.clientEvents.take()).containsExactly("text:hello");
    }

    private EnginePair pair(WebSocketConfig clientConfig, WebSocketConfig serverConfig) {
        return new EnginePair(clientConfig, serverConfig, client, server);
    }

    /** Records each message's direction and size, as {@code "IN:5"}. */
    private static final class Heard implements ConnectionListener {
        final List<String> sizes = new ArrayList<>();

        @Override
        public void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
            sizes.add(direction + ":" + payloadBytes);
        }
    }
}
