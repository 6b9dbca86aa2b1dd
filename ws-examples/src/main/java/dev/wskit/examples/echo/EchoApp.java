package dev.wskit.examples.echo;

import dev.wskit.examples.CommandLine;
import dev.wskit.examples.ConformanceLimits;
import dev.wskit.examples.ServerApp;
import dev.wskit.examples.ServerSetup;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.examples.transport.RunningServer;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.io.PrintStream;

/**
 * {@code echo}: the conformance test subject. Echoes every message on any path, with
 * permessage-deflate and limits above the largest Autobahn cases.
 */
public final class EchoApp extends ServerApp {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String summary() {
        return "echo server: sends every message back (the conformance test subject)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: echo [--transport T] [--host H] [--port P] [--metrics] [--http2] [--tls-cert F --tls-key F]",
                "",
                "Echoes every text and binary message unchanged, on any path, with permessage-deflate",
                "and messages up to " + ConformanceLimits.MAX_MESSAGE / (1024 * 1024) + " MiB. Prints the URL it listens on.",
                "",
                serverOptions());
    }

    @Override
    protected int defaultPort() {
        return 9001;
    }

    @Override
    protected ServerSetup newSetup(CommandLine line) {
        WebSocketConfig config = ConformanceLimits.apply(WebSocketConfig.builder())
                .perMessageDeflate(PerMessageDeflateConfig.defaults())
                .build();
        EchoHandler echo = new EchoHandler();
        return new ServerSetup(config, request -> UpgradeDecision.accept(echo));
    }

    @Override
    protected void announce(ExampleTransport transport, RunningServer server, PrintStream out) {
        out.println("echo server (" + transport.optionName() + ") listening on " + server.uri(server.webSocketScheme(), "/"));
    }
}
