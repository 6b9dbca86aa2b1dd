package consumer.jpms;

import consumer.echocheck.Echo;
import consumer.echocheck.JdkEchoCheck;
import dev.wskit.transport.netty.NettyWebSocketServer;
import java.time.Duration;

/**
 * An echo server on the Netty transport, and the JDK's client checking it, from a named module:
 * the check fails unless it runs on the module path, so a class path run cannot pass for one.
 */
public final class EchoCheck {
    public static void main(String[] args) throws Exception {
        if (!EchoCheck.class.getModule().isNamed() || !NettyWebSocketServer.class.getModule().isNamed()) {
            throw new AssertionError("not on the module path: " + EchoCheck.class.getModule()
                    + ", " + NettyWebSocketServer.class.getModule());
        }
        System.out.println("modules: " + EchoCheck.class.getModule().getName() + ", "
                + NettyWebSocketServer.class.getModule().getName());
        NettyWebSocketServer server = NettyWebSocketServer.builder().port(0).handler(Echo::new).build().start();
        try {
            JdkEchoCheck.checkEcho(server.port());
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }
}
