package dev.wskit.examples.client;

import dev.wskit.examples.App;
import dev.wskit.examples.CommandLine;
import dev.wskit.examples.ConformanceLimits;
import dev.wskit.examples.StopSignal;
import dev.wskit.examples.transport.ClientConnection;
import dev.wskit.examples.transport.ClientOptions;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.protocol.proxy.HttpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code client}: a command-line WebSocket client in the spirit of websocat. Standard input goes
 * out line by line; everything received is printed; the exit status says how the connection ended.
 * With {@code --autobahn} a fuzzing server drives it instead ({@link AutobahnRun}).
 */
public final class ClientApp implements App {
    private static final Set<String> OPTIONS = Set.of("transport", "header", "proxy", "subprotocol", "autobahn", "agent",
            "case-timeout");
    private static final Set<String> AUTOBAHN_ONLY = Set.of("agent", "case-timeout");
    private static final Set<String> SWITCHES = Set.of("echo", "deflate");

    @Override
    public String name() {
        return "client";
    }

    @Override
    public String summary() {
        return "command-line client: stdin lines out, received messages printed (like websocat)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: client [--transport T] [--header NAME:VALUE]... [--proxy http://[USER:PASSWORD@]HOST:PORT]",
                "              [--subprotocol P]... [--deflate] [--echo] URL",
                "       client --autobahn URL [--agent NAME] [--case-timeout SECONDS] [--transport T] [--proxy ...]",
                "",
                "Connects to URL (ws:// or wss://), sends each line of standard input as a text message",
                "and prints what it receives: text as it is, everything else as a [tag] line, binary in",
                "hex. At the end of input it closes with 1000 and waits for the server's close.",
                "",
                "Input lines:",
                InputCommands.HELP,
                "",
                "Options:",
                "  " + ExampleTransport.OPTION_HELP,
                "  --header NAME:VALUE                an extra header on the opening request (repeatable)",
                "  --proxy http://[USER:PASSWORD@]HOST:PORT",
                "                                     connects through this HTTP proxy (CONNECT), for ws://",
                "                                     and wss:// alike, with Basic credentials if given",
                "  --subprotocol P                    offers subprotocol P (repeatable, in order of preference)",
                "  --deflate                          offers permessage-deflate",
                "  --echo                             ignores input and sends every message back unchanged",
                "                                     until the server closes (for fuzzing servers)",
                "",
                "Ctrl-C closes with 1001 (going away).",
                "Exit status: 0 after a close with 1000, 1001 or 1005; 1 after a failed handshake, any other",
                "close code (1006: no closing handshake) or a broken rule; 2 for a bad argument.",
                "",
                "Autobahn mode: --autobahn ws://HOST:PORT lets a fuzzing server such as Autobahn's",
                "wstest -m fuzzingserver drive the client. It asks HOST:PORT/getCaseCount, then runs",
                "/runCase?case=N&agent=NAME for every case, sending each message back unchanged, with",
                "permessage-deflate offered and messages up to 32 MiB; it prints one line per case",
                "(case N: the close code), then calls /updateReports?agent=NAME.",
                "  --agent NAME                       the name the reports list the client under",
                "                                     (default wskit-TRANSPORT)",
                "  --case-timeout SECONDS             closes a case still open after this long and goes",
                "                                     on with the next (default 60)",
                "Ctrl-C closes the open case with 1001 and ends the run (exit status 1).",
                "Exit status: 0 once every case ran and the reports were updated, whatever the cases'",
                "outcomes (the server judges them); 1 when the case count or the report update failed.");
    }

    /** Runs until the connection closes. */
    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws IOException {
        return run(args, in, out, StopSignal.onCtrlC());
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, StopSignal stop) throws IOException {
        CommandLine line = new CommandLine(args, OPTIONS, SWITCHES);
        ExampleTransport transport = ExampleTransport.from(line);
        if (line.has("autobahn")) {
            return runAutobahn(line, transport, out, stop);
        }
        AUTOBAHN_ONLY.stream().filter(line::has).findFirst().ifPresent(option -> {
            throw new CommandLine.UsageException("--" + option + " goes with --autobahn");
        });
        URI uri = uri(line.positional());
        ClientOptions options = options(uri, line);
        WebSocketConfig config = config(line);
        ReportingHandler handler = line.has("echo") ? new EchoingHandler(out) : new PrintingHandler(out);
        try (ClientConnection connection = connect(transport, uri, config, options, handler)) {
            WebSocket socket = connection.socket();
            stop.register(() -> goAway(socket, handler, config));
            if (!line.has("echo")) {
                new InputReader(in, socket, handler, out).start();
            }
            handler.awaitClose();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return handler.exitStatus();
    }

    private static int runAutobahn(CommandLine line, ExampleTransport transport, PrintStream out, StopSignal stop)
            throws IOException {
        if (!line.positional().isEmpty()) {
            throw new CommandLine.UsageException("--autobahn takes the server's URL; no other URL is needed");
        }
        URI server = uri(line.get("autobahn", null));
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new CommandLine.UsageException("--autobahn needs ws://HOST:PORT without a query: " + server);
        }
        String agent = line.get("agent", "wskit-" + transport.optionName());
        if (agent.isBlank()) {
            throw new CommandLine.UsageException("--agent needs a name");
        }
        Duration caseTimeout = Duration.ofSeconds(line.getInt("case-timeout", 60, 1, 3600));
        WebSocketConfig.Builder config = ConformanceLimits.apply(WebSocketConfig.builder())
                // Autobahn's sections 12 and 13 run only over a connection that agreed on compression.
                .perMessageDeflate(PerMessageDeflateConfig.defaults());
        AutobahnRun run = new AutobahnRun(transport, server, agent, config.build(),
                options(server, line), caseTimeout, out);
        stop.register(run::stop);
        try {
            return run.run();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Connects, turning a failure into one line that says which step failed; a refused upgrade
     * adds the server's body on the lines below, as it is the server's own word on why.
     */
    static ClientConnection connect(ExampleTransport transport, URI uri, WebSocketConfig config,
                                    ClientOptions options, ReportingHandler handler)
            throws IOException {
        try {
            return transport.connect(uri, config, options, handler);
        } catch (UpgradeRefusedException refused) {
            throw new IOException(refusal(refused.response()), refused);
        } catch (WebSocketException refused) {
            throw new IOException("handshake failed: " + refused.getMessage(), refused);
        } catch (IOException unreachable) {
            throw new IOException("cannot connect to " + uri + ": " + unreachable.getMessage(), unreachable);
        }
    }

    private static String refusal(HttpResponse response) {
        String body = new String(response.body(), StandardCharsets.UTF_8).stripTrailing();
        return "upgrade refused: " + response.status() + " " + response.reason() + (body.isEmpty() ? "" : "\n" + body);
    }

    private static URI uri(List<String> positional) {
        if (positional.size() != 1) {
            throw new CommandLine.UsageException("exactly one URL is needed");
        }
        return uri(positional.get(0));
    }

    private static URI uri(String text) {
        try {
            URI uri = new URI(text);
            WebSocketUri.of(uri);
            return uri;
        } catch (URISyntaxException | IllegalArgumentException notWebSocket) {
            throw new CommandLine.UsageException("not a ws:// or wss:// URL: " + text);
        }
    }

    /** {@code NAME:VALUE} pairs, checked now by the handshake's own rules so every transport refuses alike. */
    /** The headers and the proxy of the command line, each checked. */
    private static ClientOptions options(URI uri, CommandLine line) {
        HttpProxy proxy = null;
        if (line.has("proxy")) {
            try {
                proxy = HttpProxy.parse(line.get("proxy", null));
            } catch (IllegalArgumentException refused) {
                throw new CommandLine.UsageException("--proxy: " + refused.getMessage());
            }
        }
        return new ClientOptions(headers(uri, line.getAll("header")), proxy);
    }

    private static List<Map.Entry<String, String>> headers(URI uri, List<String> specs) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new CommandLine.UsageException("--header needs NAME:VALUE: " + spec);
            }
            String name = spec.substring(0, colon).strip();
            String value = spec.substring(colon + 1).strip();
            try {
                ClientHandshake.builder(uri).header(name, value);
            } catch (IllegalArgumentException refused) {
                throw new CommandLine.UsageException("--header " + spec + ": " + refused.getMessage());
            }
            headers.add(Map.entry(name, value));
        }
        return headers;
    }

    private static WebSocketConfig config(CommandLine line) {
        WebSocketConfig.Builder config = WebSocketConfig.builder();
        if (line.has("echo")) {
            ConformanceLimits.apply(config);
        }
        try {
            config.subprotocols(line.getAll("subprotocol"));
        } catch (IllegalArgumentException notToken) {
            throw new CommandLine.UsageException("--subprotocol: " + notToken.getMessage());
        }
        if (line.has("deflate")) {
            config.perMessageDeflate(PerMessageDeflateConfig.defaults());
        }
        return config.build();
    }

    /** Ctrl-C: a close the server understands (1001) instead of a dropped connection (1006). */
    private static void goAway(WebSocket socket, ReportingHandler handler, WebSocketConfig config) {
        if (handler.isClosed()) {
            return;
        }
        socket.close(CloseCode.GOING_AWAY, "");
        try {
            handler.awaitClose(config.closeTimeout());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
