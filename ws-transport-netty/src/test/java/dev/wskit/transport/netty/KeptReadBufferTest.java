package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.KeptMessage;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.JdkRecorder;
import dev.wskit.testkit.kit.Payloads;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Netty a kept message that came in one read is Netty's own pooled read buffer, gaining a
 * reference, not a copy in the heap; the module's PARANOID leak check fails the run if that
 * reference is not released exactly once after the echo is written.
 */
@ExtendWith(Kit.Extension.class)
class KeptReadBufferTest {

    @Test
    void aMessageKeptFromOneReadIsNettysDirectReadBufferAndIsReleasedOnceWritten(Kit kit) throws Exception {
        BlockingQueue<Boolean> direct = new LinkedBlockingQueue<>();
        NettyWebSocketServer server = NettyWebSocketServer.builder().handler(() -> new WebSocketHandler() {
            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                KeptMessage message = KeptMessage.take(socket);
                direct.add(message.data().isDirect());
                message.forwardTo(socket);
            }
        }).build().start();
        try {
            JdkRecorder jdk = kit.jdk(URI.create("ws://127.0.0.1:" + server.port() + "/"));
            for (int i = 0; i < 10; i++) {
                // Under the 2 KiB a Netty channel's first read takes (its adaptive allocator's guess).
                byte[] data = Payloads.binary(1500 + i);
                Kit.await(jdk.socket().sendBinary(ByteBuffer.wrap(data), true));
                jdk.expectBinary(data);
                assertThat(direct.take()).as("Netty's direct read buffer, not a heap copy").isTrue();
            }
            jdk.socket().sendClose(1000, "done");
            jdk.expect("close:1000:");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
