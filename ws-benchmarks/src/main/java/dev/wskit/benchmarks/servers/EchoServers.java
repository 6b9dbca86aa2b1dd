package dev.wskit.benchmarks.servers;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one echo server in this JVM and keeps it running until the process is terminated:
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.servers.EchoServers &lt;server&gt; &lt;port&gt; [threads]</pre>
 *
 * where {@code server} is one of {@code netty-own vertx-own wskit-netty wskit-vertx wskit-blocking
 * raw-tcp}, and {@code threads} (default: the processors this JVM may use, so {@code taskset}
 * decides) the event loops of the Netty and Vert.x servers. Prints one line when it accepts
 * connections, {@code READY server=… port=… pid=… threads=… jdk=…}, for the script to wait on.
 */
public final class EchoServers {
    private EchoServers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: EchoServers <netty-own|vertx-own|wskit-netty|wskit-vertx|wskit-blocking|raw-tcp> <port> [threads]");
            System.exit(2);
        }
        ServerKind kind = ServerKind.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int threads = args.length == 3 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        EchoServer server = kind.start("127.0.0.1", port, threads);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-server-stop"));
        String ready = String.format("READY server=%s port=%d pid=%d threads=%d jdk=%s%n",
                kind.id(), server.port(), ProcessHandle.current().pid(), threads, Runtime.version());
        // One write, so a script polling the output never sees half a line.
        System.out.write(ready.getBytes(StandardCharsets.US_ASCII));
        System.out.flush();
        new CountDownLatch(1).await(); // until SIGTERM runs the hook
    }
}
