package consumer;

import dev.wskit.metrics.micrometer.MicrometerConnectionListener;
import dev.wskit.metrics.micrometer.WskitMeters;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** An echo server on the blocking transport, its connections metered, and the JDK's client checking it. */
public final class EchoCheck {
    public static void main(String[] args) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BlockingWebSocketServer server = BlockingWebSocketServer.builder().port(0).handler(Echo::new)
                .listener(MicrometerConnectionListener.of(registry)).build().start();
        try {
            checkEcho(server.port());
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
        double handshakes = registry.get(WskitMeters.HANDSHAKES).counters().stream().mapToDouble(Counter::count).sum();
        if (handshakes != 1) {
            throw new AssertionError("handshakes counted: " + handshakes);
        }
        System.out.println("handshakes counted: " + handshakes);
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
