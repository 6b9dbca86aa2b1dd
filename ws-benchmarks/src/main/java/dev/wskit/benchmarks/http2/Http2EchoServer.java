package dev.wskit.benchmarks.http2;

import dev.wskit.benchmarks.servers.WskitEcho;
import dev.wskit.transport.netty.http2.NettyHttp2WebSocketServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The server {@link Http2VsHttp1} measures, in a JVM of its own so that its memory is its alone:
 * a {@link NettyHttp2WebSocketServer} echo on 127.0.0.1 that serves HTTP/1.1 WebSockets and, on
 * the same port, RFC 8441 WebSockets as streams of h2c (prior knowledge) connections.
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.http2.Http2EchoServer &lt;port&gt; &lt;max-streams-per-connection&gt;</pre>
 *
 * Prints {@code READY server=wskit-netty-http2 port=… pid=…} once bound, and runs until terminated.
 */
public final class Http2EchoServer {
    private Http2EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Http2EchoServer <port> <max-streams-per-connection>");
            System.exit(2);
        }
        NettyHttp2WebSocketServer server = NettyHttp2WebSocketServer.builder().host("127.0.0.1")
                .port(Integer.parseInt(args[0])).maxWebSocketStreamsPerConnection(Integer.parseInt(args[1]))
                .handler(() -> WskitEcho.INSTANCE).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-server-stop"));
        String ready = String.format("READY server=wskit-netty-http2 port=%d pid=%d jdk=%s%n",
                server.port(), ProcessHandle.current().pid(), Runtime.version());
        System.out.write(ready.getBytes(StandardCharsets.US_ASCII));
        System.out.flush();
        new CountDownLatch(1).await(); // until SIGTERM runs the hook
    }
}
