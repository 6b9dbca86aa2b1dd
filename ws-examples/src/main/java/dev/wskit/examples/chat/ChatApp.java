package dev.wskit.examples.chat;

import dev.wskit.examples.ServerApp;
import dev.wskit.examples.ServerSetup;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.examples.transport.RunningServer;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.upgrade.Routes;
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
                "usage: chat [--transport T] [--host H] [--port P] [--metrics] [--http2]",
                "",
                "Serves a chat page on http://HOST:PORT/ and the chat WebSocket on ws://HOST:PORT/ws?name=NAME.",
                "The name may come instead in the cookie " + ChatAdmission.NAME_COOKIE + ", which the page sets.",
                "Open the printed URL in several browser windows, pick a name in each, and talk.",
                "The upgrade is refused with 400 for a missing name (1 to " + ChatAdmission.MAX_NAME
                        + " characters) and 409 for a name in use;",
                "GET /name-check?name=NAME answers the same, for the page to show why.",
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
        return setUp(new ChatRoom());
    }

    /** The chat server around {@code room}: its page, its name check and its one WebSocket route. */
    static ServerSetup setUp(ChatRoom room) {
        ChatAdmission admission = new ChatAdmission(room, new ChatHandler(room));
        WebSocketConfig config = WebSocketConfig.builder()
                .httpHandler(new ChatPage(admission))
                .maxFramePayload(MAX_MESSAGE)
                .maxMessageSize(MAX_MESSAGE)
                .perMessageDeflate(PerMessageDeflateConfig.defaults())
                .build();
        // Any other path is answered 404 before the upgrade.
        return new ServerSetup(config, Routes.builder().exact(ChatAdmission.PATH, admission).build());
    }

    @Override
    protected void announce(ExampleTransport transport, RunningServer server, PrintStream out) {
        out.println("chat (" + transport.optionName() + ") on " + server.uri("http", "/")
                + "  (WebSocket: " + server.uri("ws", ChatAdmission.PATH) + "?name=NAME)");
    }
}
