package consumer.jpms;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.netty.NettyWebSocketServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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
            checkEcho(server.port());
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    /** The application's handler: every message back to its sender. */
    static final class Echo implements WebSocketHandler {
        @Override
        public void onText(WebSocket ws, String text) {
            ws.sendText(text);
        }

        @Override
        public void onBinary(WebSocket ws, ByteBuffer data) {
            ws.sendBinary(data);
        }
    }

    /** Sends one text message with the JDK's own WebSocket client and fails unless it comes back unchanged. */
    static void checkEcho(int port) throws Exception {
        String sent = "hello from a consumer build";
        CompletableFuture<String> echoed = new CompletableFuture<>();
        java.net.http.WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            echoed.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        client.sendText(sent, true).get(10, TimeUnit.SECONDS);
        String received = echoed.get(10, TimeUnit.SECONDS);
        client.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        if (!received.equals(sent)) {
            throw new AssertionError("sent \"" + sent + "\", echoed \"" + received + "\"");
        }
        System.out.println("echoed: " + received);
    }
}
