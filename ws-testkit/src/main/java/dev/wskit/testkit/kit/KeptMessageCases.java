package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.KeptMessage;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A handler keeps what it received past its call and forwards it ({@link KeptMessage}): back to
 * the sender (an echo) or to another connection (a relay), from the connection's thread or any
 * other, at every size, compressed or not. A Netty transport's leak detector checks that each
 * retained read buffer is released exactly once.
 */
public interface KeptMessageCases extends TransportCases {

    /** Sends every message back as it came, without a copy: what the echo app does. */
    WebSocketHandler FORWARDING_ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocket socket, String text) {
            KeptMessage.take(socket).forwardTo(socket);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            KeptMessage.take(socket).forwardTo(socket);
        }
    };

    private static URI uri(TransportUnderTest.Server server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/");
    }

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void aKeptMessageEchoesUnchangedAtEverySize(int size, Kit kit) throws Exception {
        TransportUnderTest.Server server = kit.server(Payloads.LARGE_MESSAGES, null, () -> FORWARDING_ECHO);
        Recorder client = kit.connect(kit.client(Payloads.LARGE_MESSAGES, null), uri(server));
        byte[] data = Payloads.binary(size);
        String text = Payloads.text(size);

        // One at a time: each side stops reading while its own backlog is high, so a peer that
        // sent 12 MiB ahead would wait for an echo the server cannot write.
        client.socket().sendBinary(ByteBuffer.wrap(data));
        client.expectBinary(data);
        client.socket().sendText(text);
        client.expectText(text);
        // In pieces: the server reassembles it and hands its own buffer over.
        client.socket().sendBinary(ByteBuffer.wrap(data, 0, size / 2), false);
        client.socket().sendBinary(ByteBuffer.wrap(data, size / 2, size - size / 2), true);
        client.expectBinary(data);
    }

    /** Sizes that arrive in one read: kept as the read buffer itself where the transport retains it. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {KeptMessage.MIN_UNCOPIED_SIZE - 1, KeptMessage.MIN_UNCOPIED_SIZE, 4096, 16_384})
    default void aKeptMessageThatCameInOneReadEchoesUnchanged(int size, Kit kit) throws Exception {
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), null, () -> FORWARDING_ECHO);
        JdkRecorder jdk = kit.jdk(uri(server));
        for (int i = 0; i < 20; i++) {
            byte[] data = Payloads.binary(size + i);
            await(jdk.socket().sendBinary(ByteBuffer.wrap(data), true));
            jdk.expectBinary(data);
        }
    }

    @Test
    default void aKeptMessageEchoesUnchangedWithCompression(Kit kit) throws Exception {
        WebSocketConfig deflate = WebSocketConfig.builder().maxMessageSize(Payloads.MIB)
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        TransportUnderTest.Server server = kit.server(deflate, null, () -> FORWARDING_ECHO);
        // The JDK's client offers no permessage-deflate: the transport's own client does.
        Recorder client = kit.connect(kit.client(deflate, null), uri(server));
        assertThat(client.socket().handshakeResponse().orElseThrow().headers().first("Sec-WebSocket-Extensions"))
                .asString().startsWith("permessage-deflate");
        String text = "compressible text, said again and again. ".repeat(2_000);
        byte[] data = Payloads.binary(100_000);

        client.socket().sendText(text);
        client.socket().sendText("short");
        client.socket().sendBinary(ByteBuffer.wrap(data));
        client.expectText(text);
        client.expectText("short");
        client.expectBinary(data);
    }

    /** A relay: each message of the first client is kept, then forwarded to the second from another thread. */
    @Test
    default void aKeptMessageIsForwardedToAnotherConnectionFromAnotherThread(Kit kit) throws Exception {
        CompletableFuture<WebSocket> listener = new CompletableFuture<>();
        BlockingQueue<KeptMessage> relayed = new LinkedBlockingQueue<>();
        TransportUnderTest.Server server = kit.server(Payloads.LARGE_MESSAGES, null, () -> new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                if (socket.request().path().equals("/listen")) {
                    listener.complete(socket);
                }
            }

            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                relayed.add(KeptMessage.take(socket));
            }
        });
        JdkRecorder receiving = kit.jdk(uri(server).resolve("/listen"));
        WebSocket target = await(listener);
        JdkRecorder sending = kit.jdk(uri(server).resolve("/send"));

        for (int size : new int[] {10, 70_000, 2 * Payloads.MIB}) {
            byte[] data = Payloads.binary(size);
            await(sending.socket().sendBinary(ByteBuffer.wrap(data), true));
            KeptMessage message = relayed.take();
            assertThat(message.size()).isEqualTo(size);
            assertThat(message.forwardTo(target)).isTrue();
            receiving.expectBinary(data);
        }
    }

    /** Forwarded after its target closed: refused as any send is, and released all the same. */
    @Test
    default void aKeptMessageForwardedToAClosedConnectionIsRefusedAndReleased(Kit kit) throws Exception {
        BlockingQueue<KeptMessage> kept = new LinkedBlockingQueue<>();
        BlockingQueue<WebSocket> sockets = new LinkedBlockingQueue<>();
        TransportUnderTest.Server server = kit.server(Payloads.LARGE_MESSAGES, null, () -> new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                sockets.add(socket);
            }

            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                kept.add(KeptMessage.take(socket));
            }
        });
        JdkRecorder jdk = kit.jdk(uri(server));
        WebSocket serverSide = sockets.take();
        await(jdk.socket().sendBinary(ByteBuffer.wrap(Payloads.binary(70_000)), true));
        KeptMessage message = kept.take();
        serverSide.close(4000, "done");
        jdk.expect("close:4000:done");

        assertThat(message.forwardTo(serverSide)).isFalse();
        assertThat(message.release()).as("the refused forward released it").isFalse();
    }
}
