package dev.wskit.examples.chat;

import dev.wskit.examples.ServerApp;
import dev.wskit.examples.ServerSetup;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.examples.transport.RunningServer;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import java.io.PrintStream;

/** {@code chat}: a chat room; one port serves the page on {@code /} and the WebSocket on {@code /ws}. */
public final class ChatApp extends ServerApp {
    /** A chat line, not a file transfer: larger messages are closed with 1009. */
    private static final int MAX_MESSAGE = 64 * 1024;

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String summary() {
        return "chat room: a browser page on / and its WebSocket on /ws";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: chat [--transport T] [--host H] [--port P]",
                "",
                "Serves a chat page on http://HOST:PORT/ and the chat WebSocket on ws://HOST:PORT/ws?name=NAME.",
                "Open the printed URL in several browser windows, pick a name in each, and talk.",
                "Every text a member sends goes to everyone as {\"type\":\"message\",\"name\":…,\"text\":…};",
                "joins and leaves come as {\"type\":\"join\"|\"leave\",\"name\":…,\"users\":[…]}.",
                "",
                serverOptions());
    }

    @Override
    protected int defaultPort() {
        return 8080;
    }

    @Override
    protected ServerSetup newSetup() {
        WebSocketConfig config = WebSocketConfig.builder()
                .httpHandler(new ChatPage())
                .maxFramePayload(MAX_MESSAGE)
                .maxMessageSize(MAX_MESSAGE)
                .perMessageDeflate(PerMessageDeflateConfig.defaults())
                .build();
        ChatHandler handler = new ChatHandler(new ChatRoom());
        return new ServerSetup(config, UpgradeDecider.acceptAll(() -> handler));
    }

    @Override
    protected void announce(ExampleTransport transport, RunningServer server, PrintStream out) {
        out.println("chat (" + transport.optionName() + ") on " + server.uri("http", "/")
                + "  (WebSocket: " + server.uri("ws", ChatHandler.PATH) + "?name=NAME)");
    }
}
