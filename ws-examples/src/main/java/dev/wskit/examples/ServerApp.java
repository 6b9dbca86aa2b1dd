package dev.wskit.examples;

import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.examples.transport.RunningServer;
import dev.wskit.examples.transport.TlsFiles;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.WireTrace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An app that serves WebSocket connections until stopped: the options ({@code --transport},
 * {@code --host}, {@code --port}, {@code --metrics}, {@code --http2}, {@code --tls-cert} and {@code --tls-key}) and the lifecycle that echo and chat share. A port in use is a
 * one-line failure (exit status 1); the stop closes every open connection with 1001.
 */
public abstract class ServerApp implements App {
    private static final Set<String> OPTIONS = Set.of("transport", "host", "port", "trace", "tls-cert", "tls-key");
    private static final Set<String> SWITCHES = Set.of("metrics", "http2");
    private static final String DEFAULT_HOST = "127.0.0.1";

    /** The port used when {@code --port} is absent; fixed, so a bookmark or a test script keeps working. */
    protected abstract int defaultPort();

    /**
     * Makes the configuration and the upgrade decider from the app's own options; called once per
     * run, so state they share is per run.
     *
     * @throws IOException when what the setup needs is out of reach (exit status 1)
     */
    protected abstract ServerSetup newSetup(CommandLine line) throws IOException;

    /** Options of this app beyond the shared ones, each taking a value. */
    protected Set<String> appOptions() {
        return Set.of();
    }

    /** Tells the user where the server is. */
    protected abstract void announce(ExampleTransport transport, RunningServer server, PrintStream out);

    /** The options part of {@code --help}. */
    protected final String serverOptions() {
        return String.join("\n",
                "  " + ExampleTransport.OPTION_HELP,
                "  --host H                           the address to listen on (default " + DEFAULT_HOST + ")",
                "  --port P                           the port, 0 for any free one (default " + defaultPort() + ")",
                "  --metrics                          serve the connections' meters as Prometheus text on",
                "                                     http://HOST:PORT" + PrometheusEndpoint.PATH + " (the same port), and as a live",
                "                                     page on " + StatsPage.PATH,
                "  --trace DIR                        record every connection (at most 100, 16 MiB each) to a",
                "                                     wire trace in DIR, for inspect --replay",
                "  --http2                            (netty) also serve WebSockets over HTTP/2 (RFC 8441) on",
                "                                     the same port: h2c with prior knowledge, a stream each;",
                "                                     over TLS, h2 where ALPN agrees on it (as browsers do)",
                "  --tls-cert FILE --tls-key FILE     (netty) serve https and wss with this PEM certificate",
                "                                     chain and PEM private key (PKCS#8)",
                "",
                "Runs until Ctrl-C, which closes open connections with 1001 (going away).",
                "Exit status: 0 after Ctrl-C, 1 when the port is in use, 2 for a bad argument.");
    }

    /** Runs until Ctrl-C. */
    @Override
    public final int run(List<String> args, InputStream in, PrintStream out) throws IOException {
        return run(args, in, out, StopSignal.onCtrlC());
    }

    @Override
    public final int run(List<String> args, InputStream in, PrintStream out, StopSignal stop) throws IOException {
        Set<String> options = new HashSet<>(OPTIONS);
        options.addAll(appOptions());
        CommandLine line = new CommandLine(args, options, SWITCHES);
        if (!line.positional().isEmpty()) {
            throw new CommandLine.UsageException("unexpected argument: " + line.positional().get(0));
        }
        ExampleTransport transport = ExampleTransport.from(line);
        boolean http2 = line.has("http2");
        if (http2 && transport != ExampleTransport.NETTY) {
            throw new CommandLine.UsageException("--http2 needs --transport netty, not " + transport.optionName());
        }
        TlsFiles tls = tlsFiles(line, transport);
        String host = line.get("host", DEFAULT_HOST);
        int port = line.getInt("port", defaultPort(), 0, 0xffff);
        ServerSetup setup = newSetup(line);
        PrometheusEndpoint metrics = line.has("metrics") ? new PrometheusEndpoint() : null;
        ConnectionListener listener = ConnectionListener.NONE;
        if (metrics != null) {
            setup = metrics.serving(setup);
            listener = metrics.listener();
        }
        RunningServer server;
        try {
            ConnectionListener heard = listener;
            String traces = line.get("trace", null);
            Consumer<ServerBuilder<?>> watching = builder -> {
                builder.listener(heard);
                if (traces != null) {
                    builder.wireTrace(WireTrace.into(Path.of(traces)));
                }
            };
            if (tls != null) {
                server = transport.startTlsServer(host, port, tls, http2, setup.config(), setup.decider(), watching);
            } else if (http2) {
                server = transport.startHttp2Server(host, port, setup.config(), setup.decider(), watching);
            } else {
                server = transport.startServer(host, port, setup.config(), setup.decider(), watching);
            }
        } catch (IOException | RuntimeException notStarted) {
            closeIfAny(metrics);
            setup.release().run();
            throw notStarted;
        }
        // Said by the stop itself: when the stop runs in a shutdown hook (SIGHUP) the JVM ends once
        // it returns, maybe before this thread wakes up. Registered before the announcement, so a
        // signal sent by whoever waited for it always finds the graceful stop.
        Runnable release = setup.release();
        stop.register(() -> {
            server.stop();
            release.run();
            closeIfAny(metrics);
            out.println("stopped");
        });
        announce(transport, server, out);
        if (http2) {
            out.println(tls != null
                    ? "and over HTTP/2 (h2, chosen by ALPN) on the same port"
                    : "and over HTTP/2 (h2c with prior knowledge) on the same port");
        }
        if (listener != ConnectionListener.NONE) {
            out.println("metrics (Prometheus text) on " + server.uri(server.httpScheme(), PrometheusEndpoint.PATH)
                    + ", live page on " + server.uri(server.httpScheme(), StatsPage.PATH));
        }
        try {
            stop.awaitStopped();
        } catch (InterruptedException interrupted) {
            // Whoever interrupted wants the app to end: stop as Ctrl-C would, keep the flag.
            Thread.currentThread().interrupt();
            stop.request();
        }
        return 0;
    }

    /**
     * The files {@code --tls-cert} and {@code --tls-key} name, or {@code null} for neither.
     *
     * @throws CommandLine.UsageException for one without the other, or on a transport other than Netty
     */
    private static TlsFiles tlsFiles(CommandLine line, ExampleTransport transport) {
        String certificate = line.get("tls-cert", null);
        String key = line.get("tls-key", null);
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null || key == null) {
            throw new CommandLine.UsageException("--tls-cert and --tls-key go together");
        }
        if (transport != ExampleTransport.NETTY) {
            throw new CommandLine.UsageException("--tls-cert needs --transport netty, not " + transport.optionName());
        }
        return new TlsFiles(Path.of(certificate), Path.of(key));
    }

    /** Stops the live page's feed, when {@code --metrics} made one. */
    private static void closeIfAny(PrometheusEndpoint metrics) {
        if (metrics != null) {
            metrics.close();
        }
    }
}
