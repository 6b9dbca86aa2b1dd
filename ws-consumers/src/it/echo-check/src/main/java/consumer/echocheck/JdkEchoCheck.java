package consumer.echocheck;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The JDK's own WebSocket client checking an echo server. */
public final class JdkEchoCheck {
    private JdkEchoCheck() {
    }

    /** Sends one text message with the JDK's own WebSocket client and fails unless it comes back unchanged. */
    public static void checkEcho(int port) throws Exception {
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
