package dev.wskit.benchmarks.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.transport.blocking.BlockingWebSocketClient;
import dev.wskit.transport.netty.NettyWebSocketClient;
import dev.wskit.transport.vertx.VertxWebSocketClient;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deflate bomb turned on a client: wskit's clients, offering permessage-deflate with a 1 MiB
 * message limit, connect to a {@link HostileServer} that sends one 64 KB compressed message
 * inflating to 64 MiB. RFC 7692 §8.1 lets the client stop inflating at its limit; it answers
 * with close 1009 (message too big, RFC 6455 §7.4.1).
 */
class AttackClientBombTest {
    private static final int LIMIT = 1 << 20;
    private static final long INFLATED = 64L << 20;
    private static final WebSocketConfig CONFIG = WebSocketConfig.builder()
            .maxFramePayload(LIMIT)
            .maxMessageSize(LIMIT)
            .perMessageDeflate(PerMessageDeflateConfig.defaults())
            .build();
    private static final WebSocketHandler IGNORING = new WebSocketHandler() { };

    @ParameterizedTest
    @EnumSource(Client.class)
    void theClientAnswers1009(Client kind) throws Exception {
        try (HostileServer server = new HostileServer(Bombs.zeros(INFLATED, true));
                AutoCloseable client = kind.connect(URI.create(server.url()))) {
            assertThat(server.closeCode.get(30, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    /** wskit's clients, each connected with {@link #CONFIG}; closing the result closes the client. */
    enum Client {
        BLOCKING {
            @Override
            AutoCloseable connect(URI uri) throws Exception {
                BlockingWebSocketClient client = BlockingWebSocketClient.builder().config(CONFIG).build();
                client.connect(uri, IGNORING);
                return client;
            }
        },
        NETTY {
            @Override
            AutoCloseable connect(URI uri) throws Exception {
                NettyWebSocketClient client = NettyWebSocketClient.builder().config(CONFIG).build();
                client.connect(uri, IGNORING).get(30, TimeUnit.SECONDS);
                return client;
            }
        },
        VERTX {
            @Override
            AutoCloseable connect(URI uri) throws Exception {
                Vertx vertx = Vertx.vertx();
                VertxWebSocketClient client = VertxWebSocketClient.builder(vertx).config(CONFIG).build();
                client.connect(uri, IGNORING).await(30, TimeUnit.SECONDS);
                return () -> {
                    client.close();
                    vertx.close().await(30, TimeUnit.SECONDS);
                };
            }
        };

        abstract AutoCloseable connect(URI uri) throws Exception;
    }
}
