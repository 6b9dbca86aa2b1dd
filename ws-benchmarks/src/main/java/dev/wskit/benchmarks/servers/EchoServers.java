package dev.wskit.benchmarks.servers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one echo server in this JVM and keeps it running until the process is terminated:
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.servers.EchoServers &lt;server&gt; &lt;port&gt; [threads] [--profile P] [--broadcast]</pre>
 *
 * where {@code server} is one of {@code netty-own vertx-own wskit-netty wskit-vertx wskit-blocking
 * raw-tcp}, {@code threads} (default: the processors this JVM may use, so {@code taskset}
 * decides) the event loops of the Netty and Vert.x servers, and {@code P} an {@link EchoProfile}:
 * {@code benchmark} (the default) or {@code echo-app}. With {@code --broadcast} the server is the
 * stack's broadcast instead of its echo ({@link ServerKind#startBroadcast}; raw TCP, a fan-out of its
 * bytes; with the benchmark profile only): each message from one connection goes to every other. Prints one line when it accepts
 * connections, {@code READY server=… port=… pid=… threads=… jdk=… profile=… app=…}, for the script to wait on.
 */
public final class EchoServers {
    private EchoServers() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>(Arrays.asList(args));
        boolean broadcast = positional.remove("--broadcast");
        EchoProfile profile = EchoProfile.BENCHMARK;
        int flag = positional.indexOf("--profile");
        if (flag >= 0 && flag + 1 < positional.size()) {
            profile = EchoProfile.of(positional.remove(flag + 1));
            positional.remove(flag);
        }
        if (positional.size() < 2 || positional.size() > 3) {
            System.err.println("usage: EchoServers <netty-own|vertx-own|wskit-netty|wskit-vertx|wskit-blocking|raw-tcp> <port>"
                    + " [threads] [--profile benchmark|echo-app] [--broadcast]");
            System.exit(2);
        }
        ServerKind kind = ServerKind.of(positional.get(0));
        int port = Integer.parseInt(positional.get(1));
        int threads = positional.size() == 3 ? Integer.parseInt(positional.get(2)) : Runtime.getRuntime().availableProcessors();
        if (broadcast && profile != EchoProfile.BENCHMARK) {
            System.err.println("--broadcast: with the benchmark profile only");
            System.exit(2);
        }
        EchoServer server = broadcast ? kind.startBroadcast("127.0.0.1", port, threads) : kind.start("127.0.0.1", port, threads, profile);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-server-stop"));
        String ready = String.format("READY server=%s port=%d pid=%d threads=%d jdk=%s profile=%s app=%s%n",
                kind.id(), server.port(), ProcessHandle.current().pid(), threads, Runtime.version(), profile.id(),
                broadcast ? "broadcast" : "echo");
        // One write, so a script polling the output never sees half a line.
        System.out.write(ready.getBytes(StandardCharsets.US_ASCII));
        System.out.flush();
        new CountDownLatch(1).await(); // until SIGTERM runs the hook
    }
}
