package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.engine.KeptMessage;
import dev.wskit.protocol.engine.WebSocketEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A handler keeps a received message past its call and forwards it: the bytes are the read buffer
 * itself (retained by the transport) or the engine's own reassembly array, never a copy, except
 * for small messages; each kept message is freed exactly once, whatever becomes of it.
 */
class KeptMessageTest {
    private static final int LARGE = 4096;

    /** The engine with a handler that keeps every whole message. */
    private final List<KeptMessage> kept = new ArrayList<>();
    private final TestClock clock = new TestClock();
    private final WebSocketEngine engine = WebSocketEngine.server(WebSocketConfig.defaults(), new WebSocketHandler() {
        @Override
        public void onText(WebSocket socket, String text) {
            kept.add(KeptMessage.take(socket));
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            kept.add(KeptMessage.take(socket));
        }
    }, clock);

    /** A transport's retainer: counts what it retains and what is released again. */
    private final List<ByteBuffer> retained = new ArrayList<>();
    private int released;

    KeptMessageTest() {
        engine.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        ServerUnderTest.drain(engine);
    }

    private void retainReadBuffers() {
        engine.retainReadBuffersWith(buffer -> {
            retained.add(buffer);
            return () -> released++;
        });
    }

    private static byte[] noise(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Writes what the engine queued, and runs each buffer's release as a transport would. */
    private byte[] writeQueued() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ByteBuffer b; (b = engine.pollOutbound()) != null; ) {
            out.writeBytes(bytesOf(b));
            PayloadRelease release = engine.releaseOfPolled();
            if (release != null) {
                release.release();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aMessageThatCameInOneReadIsTheReadBufferItselfRetainedThenReleasedOnceWritten() {
        retainReadBuffers();
        byte[] payload = noise(LARGE);
        ByteBuffer in = ByteBuffer.wrap(Wire.masked(0x82, payload));
        engine.receive(in);

        assertThat(kept).hasSize(1);
        KeptMessage message = kept.get(0);
        assertThat(retained).containsExactly(in);
        assertThat(bytesOf(message.data())).isEqualTo(payload);
        // The same memory: what changes in the read buffer shows in the kept message.
        in.array()[in.limit() - 1] ^= 1;
        assertThat(message.data().get(LARGE - 1)).isEqualTo((byte) (payload[LARGE - 1] ^ 1));
        in.array()[in.limit() - 1] ^= 1;

        assertThat(message.forwardTo(engine.socket())).isTrue();
        assertThat(released).as("released only once written").isZero();
        assertThat(writeQueued()).isEqualTo(Wire.unmasked(0x82, payload));
        assertThat(released).isEqualTo(1);
        assertThat(message.release()).as("forwarded: nothing left to release").isFalse();
        assertThat(released).isEqualTo(1);
    }

    @Test
    void aFragmentedMessageIsTheEnginesOwnArrayAndOutlivesTheNextMessage() {
        retainReadBuffers();
        byte[] payload = noise(LARGE);
        engine.receive(ByteBuffer.wrap(Rfc6455Examples.concat(
                Wire.masked(0x02, Arrays.copyOf(payload, 1000)),
                Wire.masked(0x80, Arrays.copyOfRange(payload, 1000, LARGE)))));
        byte[] next = noise(LARGE + 1);
        engine.receive(ByteBuffer.wrap(Rfc6455Examples.concat(
                Wire.masked(0x02, Arrays.copyOf(next, 10)), Wire.masked(0x80, Arrays.copyOfRange(next, 10, next.length)))));

        assertThat(kept).hasSize(2);
        assertThat(retained).as("no read buffer holds a reassembled message").isEmpty();
        assertThat(bytesOf(kept.get(0).data())).isEqualTo(payload);
        assertThat(bytesOf(kept.get(1).data())).isEqualTo(next);
    }

    @Test
    void aSmallMessageIsACopyAndNoReadBufferIsRetainedForIt() {
        retainReadBuffers();
        byte[] payload = noise(KeptMessage.MIN_UNCOPIED_SIZE - 1);
        ByteBuffer in = ByteBuffer.wrap(Wire.masked(0x82, payload));
        engine.receive(in);

        assertThat(retained).isEmpty();
        Arrays.fill(in.array(), (byte) 0);
        assertThat(bytesOf(kept.get(0).data())).isEqualTo(payload);
    }

    @Test
    void withoutATransportThatRetainsAMessageInTheReadBufferIsCopied() {
        byte[] payload = noise(LARGE);
        ByteBuffer in = ByteBuffer.wrap(Wire.masked(0x82, payload));
        engine.receive(in);

        Arrays.fill(in.array(), (byte) 0);
        assertThat(bytesOf(kept.get(0).data())).isEqualTo(payload);
    }

    @Test
    void aKeptTextIsForwardedAsTextUnchanged() {
        retainReadBuffers();
        String text = "héllo, 🌍 ".repeat(200);
        engine.receive(ByteBuffer.wrap(Wire.masked(0x81, text)));

        KeptMessage message = kept.get(0);
        assertThat(message.isText()).isTrue();
        assertThat(message.text()).isEqualTo(text);
        assertThat(message.forwardTo(engine.socket())).isTrue();
        assertThat(writeQueued()).isEqualTo(Wire.unmasked(0x81, text));
        assertThat(released).isEqualTo(1);
    }

    @Test
    void aForwardRefusedAfterTheCloseReleasesTheMessage() {
        retainReadBuffers();
        engine.receive(ByteBuffer.wrap(Wire.masked(0x82, noise(LARGE))));
        engine.socket().close(CloseCode.NORMAL_CLOSURE, "done");

        assertThat(kept.get(0).forwardTo(engine.socket())).isFalse();
        assertThat(released).isEqualTo(1);
        assertThatThrownBy(() -> kept.get(0).data()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReleasedMessageIsFreedOnceAndCannotBeUsedAgain() {
        retainReadBuffers();
        engine.receive(ByteBuffer.wrap(Wire.masked(0x82, noise(LARGE))));
        KeptMessage message = kept.get(0);

        assertThat(message.release()).isTrue();
        assertThat(message.release()).isFalse();
        assertThat(released).isEqualTo(1);
        assertThatThrownBy(() -> message.forwardTo(engine.socket())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released or forwarded");
    }

    @Test
    void aMessageIsKeptOnlyDuringItsCallAndOnlyOnce() {
        assertThatThrownBy(() -> KeptMessage.take(engine.socket())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only during onText or onBinary");

        List<RuntimeException> second = new ArrayList<>();
        WebSocketEngine twice = WebSocketEngine.server(WebSocketConfig.defaults(), new WebSocketHandler() {
            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                KeptMessage.take(socket).release();
                try {
                    KeptMessage.take(socket);
                } catch (IllegalStateException refused) {
                    second.add(refused);
                }
            }
        }, clock);
        twice.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        twice.receive(ByteBuffer.wrap(Wire.masked(0x82, noise(10))));
        assertThat(second).hasSize(1);
    }

    @Test
    void aSocketThatIsNotWskitsCannotHandOverItsMessages() {
        WebSocket foreign = (WebSocket) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocket.class}, (proxy, method, args) -> null);
        assertThatThrownBy(() -> KeptMessage.take(foreign)).isInstanceOf(IllegalArgumentException.class);
    }
}
