package dev.wskit.examples.client;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What every client mode reports: the open, a broken rule, the close, and from them the exit
 * status. A close is normal with 1000 (normal closure), 1001 (going away: a server stopping, or
 * our Ctrl-C) or 1005 (a close frame without a code); any other code is the peer reporting a
 * problem, and 1006 means there was no closing handshake at all.
 */
abstract class ReportingHandler implements WebSocketHandler {
    protected final PrintStream out;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean failed;
    private volatile int closeCode;

    ReportingHandler(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onOpen(WebSocket socket) {
        String subprotocol = socket.subprotocol();
        out.println("[open]" + (subprotocol == null ? "" : " subprotocol " + subprotocol));
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        failed = true;
        out.println("[error] " + error.getMessage());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        failed |= code != CloseCode.NORMAL_CLOSURE && code != CloseCode.GOING_AWAY && code != CloseCode.NO_STATUS_RECEIVED;
        closeCode = code;
        out.println("[close] " + code + (reason.isEmpty() ? "" : " " + reason));
        closed.countDown();
    }

    /**
     * Whether {@code onClose} has run. Other threads ask this rather than {@code state()}, which
     * some transports publish only after the callback that changed it.
     */
    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Blocks until the connection is closed. */
    void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Blocks until the connection is closed, at most {@code timeout}. */
    boolean awaitClose(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code {@code onClose} reported; read it once {@link #awaitClose} returned. */
    int closeCode() {
        return closeCode;
    }

    /** 0 after a normal close, 1 after any other close or a broken rule. */
    int exitStatus() {
        return failed ? 1 : 0;
    }
}
