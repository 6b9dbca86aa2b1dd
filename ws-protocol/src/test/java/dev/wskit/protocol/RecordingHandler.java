package dev.wskit.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Records every event as one line of text, so a test states the exact sequence it expects and
 * an unexpected event cannot go unnoticed.
 */
public final class RecordingHandler implements WebSocketHandler {
    private final List<String> events = new ArrayList<>();
    private final List<WebSocketException> errors = new ArrayList<>();

    /** The events so far, emptied: the next call sees only newer ones. */
    public List<String> take() {
        List<String> out = List.copyOf(events);
        events.clear();
        return out;
    }

    public List<WebSocketException> errors() {
        return errors;
    }

    @Override
    public void onOpen(WebSocket socket) {
        events.add("open");
    }

    @Override
    public void onText(WebSocket socket, String text) {
        events.add("text:" + text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        events.add("binary:" + hex(data));
    }

    @Override
    public void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
        events.add("textFragment:" + StandardCharsets.UTF_8.decode(utf8.duplicate()) + (last ? ":last" : ""));
    }

    @Override
    public void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
        events.add("binaryFragment:" + hex(data) + (last ? ":last" : ""));
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer payload) {
        events.add("ping:" + hex(payload));
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        events.add("pong:" + hex(payload));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        errors.add(error);
        events.add("error:" + error.violation());
    }

    public static String hex(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
