package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat member through the JDK's own WebSocket client: the room's events as they came, and the
 * close the node sent.
 */
final class ChatPeer implements WebSocket.Listener, AutoCloseable {
    private static final long WAIT_SECONDS = 30;
    private static final Pattern TEXT = Pattern.compile("\"text\":\"([^\"\\\\]*)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9]+-[0-9]+)\"");

    private final URI uri;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    private ChatPeer(URI uri) {
        this.uri = uri;
    }

    /** A member at {@code uri}, {@code ws://HOST:PORT/ws?name=NAME[&after=ID]}, once its upgrade succeeded. */
    static ChatPeer join(URI uri) throws Exception {
        ChatPeer peer = new ChatPeer(uri);
        peer.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, peer).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return peer;
    }

    void say(String text) throws Exception {
        socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next event that {@code wanted}, skipping the others, waiting up to 30 s in all. */
    String next(Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(event).as("%s at %s within %d s", what, uri, WAIT_SECONDS).isNotNull();
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** The next message event, presence events skipped. */
    String nextMessage() throws InterruptedException {
        return next(ChatPeer::isMessage, "a message");
    }

    /** Whatever message came within {@code millis}, presence events skipped; {@code null} for none. */
    String messageWithin(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (String event; (event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (isMessage(event)) {
                return event;
            }
        }
        return null;
    }

    /** The close code the node sent, waiting up to 30 s. */
    int closeCode() throws Exception {
        return closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static boolean isMessage(String event) {
        return event.startsWith("{\"type\":\"message\"");
    }

    static String textOf(String message) {
        return field(TEXT, message);
    }

    static String idOf(String message) {
        return field(ID, message);
    }

    private static String field(Pattern pattern, String event) {
        Matcher m = pattern.matcher(event);
        assertThat(m.find()).as("the field %s in %s", pattern, event).isTrue();
        return m.group(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            events.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    /** Leaves with 1000, if still connected. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }
}
