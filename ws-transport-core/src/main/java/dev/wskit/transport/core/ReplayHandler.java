package dev.wskit.transport.core;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.core.trace.TraceEvents;
import dev.wskit.transport.core.trace.TraceKind;
import dev.wskit.transport.core.trace.TraceRecord;
import dev.wskit.transport.core.trace.TracedAnswers;
import dev.wskit.transport.core.trace.TracedCalls;
import java.nio.ByteBuffer;

/**
 * The application in a replay: each callback must be the one recorded next, and then makes the
 * calls the application made inside it, and throws where it threw.
 */
final class ReplayHandler implements WebSocketHandler {
    private final ReplayCursor cursor;

    ReplayHandler(ReplayCursor cursor) {
        this.cursor = cursor;
    }

    @Override
    public void onOpen(WebSocket socket) {
        event(socket, TraceEvents.open(socket.subprotocol()));
    }

    @Override
    public void onText(WebSocket socket, String text) {
        event(socket, TraceEvents.text(text));
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        event(socket, TraceEvents.binary(data));
    }

    @Override
    public void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
        event(socket, TraceEvents.textFragment(utf8, last));
    }

    @Override
    public void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
        event(socket, TraceEvents.binaryFragment(data, last));
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer payload) {
        event(socket, TraceEvents.ping(payload));
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        event(socket, TraceEvents.pong(payload));
    }

    @Override
    public void onDrain(WebSocket socket) {
        event(socket, TraceEvents.drain());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        event(socket, TraceEvents.close(code, reason));
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        event(socket, TraceEvents.error(error));
    }

    private void event(WebSocket socket, String replayed) {
        TraceRecord recorded = cursor.take(TraceKind.EVENT, "called " + replayed);
        if (recorded == null) {
            return;
        }
        String expected = recorded.fields().text();
        if (!expected.equals(replayed)) {
            cursor.diverged("the replay called " + replayed + " where the trace has " + expected + " (" + recorded + ")");
            return;
        }
        cursor.show("  event " + replayed);
        while (cursor.nextIs(TraceKind.CALL_IN_CALLBACK) && !cursor.hasDiverged()) {
            TraceRecord call = cursor.take();
            cursor.show("  call " + TracedCalls.describe(call.fields()));
            try {
                TracedCalls.replay(call.fields(), socket, misuse -> { });
            } catch (RuntimeException refused) {
                // The application got this exception too, and went on (or threw, recorded next).
                cursor.show("  call threw " + refused);
            }
        }
        if (cursor.nextIs(TraceKind.THREW)) {
            throw new TracedAnswers.RecordedFailure(cursor.take().fields().text());
        }
    }
}
