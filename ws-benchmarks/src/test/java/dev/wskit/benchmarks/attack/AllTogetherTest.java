package dev.wskit.benchmarks.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attacks run at once, and each one's outcome is reported under its name, in order. */
class AllTogetherTest {
    private static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(data);
        }
    };

    @Test
    void reportsEveryAttacksOutcomeUnderItsName() throws Exception {
        try (BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .config(WebSocketConfig.builder().perMessageDeflate(PerMessageDeflateConfig.defaults()).build())
                .handler(() -> ECHO)
                .build()
                .start()) {
            Attack together = new AllTogether(List.of(new WindowBitsOffers(), new UpgradeWithBody()));

            String outcome = together.run(Target.of("ws://127.0.0.1:" + server.port() + "/"), Scale.SHORT);

            assertThat(outcome).startsWith("window-bits: ").contains("abc: declined")
                    .endsWith("; upgrade-with-body: http 400");
        }
    }
}
