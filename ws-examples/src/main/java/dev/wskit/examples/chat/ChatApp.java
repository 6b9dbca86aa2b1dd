package dev.wskit.examples.chat;

import dev.wskit.cluster.Cluster;
import dev.wskit.examples.CommandLine;
import dev.wskit.examples.ServerApp;
import dev.wskit.examples.ServerSetup;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.examples.transport.RunningServer;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.upgrade.Routes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

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
                "usage: chat [--transport T] [--host H] [--port P] [--metrics] [--http2] [--tls-cert F --tls-key F] [--cluster redis://HOST:PORT] [--peers URL,...]",
                "",
                "Serves a chat page on http://HOST:PORT/ and the chat WebSocket on ws://HOST:PORT/ws?name=NAME",
                "(https and wss with --tls-cert and --tls-key).",
                "The name may come instead in the cookie " + ChatAdmission.NAME_COOKIE + ", which the page sets.",
                "Open the printed URL in several browser windows, pick a name in each, and talk.",
                "The upgrade is refused with 400 for a missing name (1 to " + ChatAdmission.MAX_NAME
                        + " characters) and 409 for a name in use;",
                "GET /name-check?name=NAME answers the same, for the page to show why.",
                "Every text a member sends goes to everyone as {\"type\":\"message\",\"name\":…,\"text\":…,\"id\":…};",
                "joins and leaves come as {\"type\":\"join\"|\"leave\",\"name\":…,\"users\":[…]}.",
                "",
                "Several nodes, one room: run each with the same --cluster (a Redis 6.2+ server) and its own --port.",
                "  --cluster redis://HOST:PORT        share the room with every node on this Redis (default: this",
                "                                     process only); names are unique per node",
                "  --peers URL,...                    the other nodes' pages (http://HOST:PORT/), given to the page:",
                "                                     when this node stops, the page goes on on one of them, with",
                "                                     ?after=ID (the last message it showed) to get what it missed",
                "",
                serverOptions());
    }

    @Override
    protected int defaultPort() {
        return 8080;
    }

    @Override
    protected Set<String> appOptions() {
        return Set.of(ChatNodes.CLUSTER, ChatNodes.PEERS);
    }

    @Override
    protected ServerSetup newSetup(CommandLine line) throws IOException {
        List<URI> peers = ChatNodes.peers(line);
        Cluster cluster = ChatNodes.join(line);
        ChatRoom room;
        try {
            room = ChatRoom.open(cluster);
        } catch (IOException unknown) {
            cluster.close();
            throw unknown;
        }
        // The room first: the members' leaves reach the cluster before it closes.
        return setUp(room, peers, () -> {
            room.close();
            cluster.close();
        });
    }

    /**
     * The chat server around {@code room}: its page (told of {@code peers}), its name check and its
     * one WebSocket route; {@code release} runs once the server has stopped.
     */
    static ServerSetup setUp(ChatRoom room, List<URI> peers, Runnable release) {
        ChatAdmission admission = new ChatAdmission(room, new ChatHandler(room));
        WebSocketConfig config = WebSocketConfig.builder()
                .httpHandler(new ChatPage(admission, peers))
                .maxFramePayload(MAX_MESSAGE)
                .maxMessageSize(MAX_MESSAGE)
                .perMessageDeflate(PerMessageDeflateConfig.defaults())
                .build();
        // Any other path is answered 404 before the upgrade.
        return new ServerSetup(config, Routes.builder().exact(ChatAdmission.PATH, admission).build(), release);
    }

    @Override
    protected void announce(ExampleTransport transport, RunningServer server, PrintStream out) {
        out.println("chat (" + transport.optionName() + ") on " + server.uri(server.httpScheme(), "/")
                + "  (WebSocket: " + server.uri(server.webSocketScheme(), ChatAdmission.PATH) + "?name=NAME)");
    }
}
