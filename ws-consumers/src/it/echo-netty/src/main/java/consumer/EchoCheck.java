package consumer;

import consumer.echocheck.Echo;
import consumer.echocheck.JdkEchoCheck;
import dev.wskit.transport.netty.NettyWebSocketServer;
import java.time.Duration;

/** An echo server on the Netty transport, and the JDK's client checking it. */
public final class EchoCheck {
    public static void main(String[] args) throws Exception {
        NettyWebSocketServer server = NettyWebSocketServer.builder().port(0).handler(Echo::new).build().start();
        try {
            JdkEchoCheck.checkEcho(server.port());
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }
}
