package dev.wskit.transport.core.trace;

import dev.wskit.protocol.WebSocket;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The application's calls on a connection as a trace records them ({@link TraceKind#CALL},
 * {@link TraceKind#CALL_IN_CALLBACK}), and made again in a replay. A binary message handed over
 * ({@code transferBinary}) is recorded as a send: the bytes on the wire are the same.
 */
public final class TracedCalls {
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int PING = 3;
    private static final int PONG = 4;
    private static final int MEASURING_PING = 5;
    private static final int CLOSE = 6;
    private static final int PAUSE = 7;
    private static final int RESUME = 8;
    private static final int FAILED = 9;

    private TracedCalls() {
    }

    public static Consumer<TraceWriter.Fields> text(CharSequence text, boolean last) {
        String copy = text.toString();
        return out -> out.number(TEXT).text(copy).flag(last);
    }

    public static Consumer<TraceWriter.Fields> binary(ByteBuffer data, boolean last) {
        return out -> out.number(BINARY).bytes(data).flag(last);
    }

    public static Consumer<TraceWriter.Fields> ping(ByteBuffer payload) {
        return out -> out.number(PING).bytes(payload);
    }

    public static Consumer<TraceWriter.Fields> pong(ByteBuffer payload) {
        return out -> out.number(PONG).bytes(payload);
    }

    public static Consumer<TraceWriter.Fields> measuringPing() {
        return out -> out.number(MEASURING_PING);
    }

    public static Consumer<TraceWriter.Fields> close(int code, String reason) {
        return out -> out.number(CLOSE).number(code).text(reason);
    }

    public static Consumer<TraceWriter.Fields> pause() {
        return out -> out.number(PAUSE);
    }

    public static Consumer<TraceWriter.Fields> resume() {
        return out -> out.number(RESUME);
    }

    /** A send another thread handed over failed when the owner ran it: the connection failed with 1011. */
    public static Consumer<TraceWriter.Fields> failed(RuntimeException misuse) {
        return out -> out.number(FAILED).text(misuse.toString());
    }

    /** Makes the recorded call on {@code socket}; a recorded failure goes to {@code failed}. */
    public static void replay(TraceRecord.Fields in, WebSocket socket, Consumer<RuntimeException> failed) {
        int call = in.integer();
        switch (call) {
            case TEXT -> socket.sendText(in.text(), in.flag());
            case BINARY -> socket.sendBinary(ByteBuffer.wrap(in.bytes()), in.flag());
            case PING -> socket.sendPing(ByteBuffer.wrap(in.bytes()));
            case PONG -> socket.sendPong(ByteBuffer.wrap(in.bytes()));
            case MEASURING_PING -> socket.ping();
            case CLOSE -> socket.close(in.integer(), in.text());
            case PAUSE -> socket.pause();
            case RESUME -> socket.resume();
            case FAILED -> failed.accept(new TracedAnswers.RecordedFailure(in.text()));
            default -> throw new IllegalArgumentException("unknown call " + call);
        }
    }

    /** The recorded call, for a person reading the trace. */
    public static String describe(TraceRecord.Fields in) {
        int call = in.integer();
        return switch (call) {
            case TEXT -> {
                String text = in.text();
                yield "sendText " + text.length() + " chars" + (in.flag() ? "" : " (not last)");
            }
            case BINARY -> "sendBinary " + in.bytes().length + " B" + (in.flag() ? "" : " (not last)");
            case PING -> "sendPing " + in.bytes().length + " B";
            case PONG -> "sendPong " + in.bytes().length + " B";
            case MEASURING_PING -> "ping";
            case CLOSE -> "close " + in.integer() + " \"" + in.text() + "\"";
            case PAUSE -> "pause";
            case RESUME -> "resume";
            case FAILED -> "failed: " + in.text();
            default -> "unknown call " + call;
        };
    }
}
