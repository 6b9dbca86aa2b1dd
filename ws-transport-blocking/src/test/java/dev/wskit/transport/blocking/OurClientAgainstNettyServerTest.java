package dev.wskit.transport.blocking;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Our client against Netty's own WebSocket server, a peer we did not write. */
class OurClientAgainstNettyServerTest extends OurClientCases {
    private static NettyEchoServer netty;

    @BeforeAll
    static void startNetty() throws Exception {
        netty = new NettyEchoServer();
    }

    @AfterAll
    static void stopNetty() {
        netty.close();
    }

    @Override
    URI echoUri() {
        return URI.create("ws://127.0.0.1:" + netty.port() + "/echo");
    }

    @Override
    BlockingWebSocketClient newClient() {
        return BlockingWebSocketClient.builder().build();
    }

    /** Netty echoes the whole close frame, reason included. */
    @Override
    String answerToClientClose() {
        return "4000:bye";
    }
}
