package dev.wskit.conformance;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays a {@link ClientCase}: a scripted server on a plain {@link ServerSocket} accepts the
 * transport's client, reads its opening request, answers with the case's hand-written bytes and
 * runs the steps; then the client's connect result and close code are checked.
 */
final class ClientCaseRunner implements AutoCloseable {
    private final ServerSocket listener;

    ClientCaseRunner() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout((int) CaseRun.TIMEOUT_MILLIS);
    }

    Outcome play(ClientCase c, Transport transport, Transport.Client client) {
        long start = System.nanoTime();
        Recorder recorder = new Recorder();
        String got = "as expected";
        boolean passed = false;
        CaseRun run = null;
        CompletableFuture<WebSocket> connecting =
                client.connect(URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/conformance"), recorder);
        try (RawConnection wire = new RawConnection(listener.accept())) {
            run = new CaseRun(wire, true);
            String request = wire.readHead(CaseRun.TIMEOUT_MILLIS);
            if (request == null) {
                throw new CaseRun.Mismatch("an opening request", "no complete request head: " + wire.endDescription());
            }
            run.head = request;
            String key = ServerCaseRunner.header(request, "sec-websocket-key");
            wire.write(c.response.apply(ClientCase.accept(key == null ? "" : key)).getBytes(StandardCharsets.ISO_8859_1));
            for (ServerCase.Step step : c.steps) {
                step.run(run);
            }
            if (!c.ends) {
                run.send(Frame.close(1000).unmasked(), Integer.MAX_VALUE);
                run.expectCloseFrame(1000);
                // RFC 6455 §7.1.1: the server closes TCP first.
                wire.socket.close();
            }
            checkConnect(c, connecting);
            checkClose(c, recorder);
            passed = true;
        } catch (CaseRun.Mismatch m) {
            got = run == null ? m.got : run.got(m);
        } catch (SocketTimeoutException e) {
            got = "the client never connected";
        } catch (Exception e) {
            got = "the scripted server failed: " + e;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Outcome("client", c.id, c.section, c.title, transport, passed, c.expected, got, millis);
    }

    private static void checkConnect(ClientCase c, CompletableFuture<WebSocket> connecting) throws Exception {
        String expected = c.connectFailure == null ? "connect succeeds" : "connect fails with " + c.connectFailure;
        Throwable failure;
        try {
            connecting.get(CaseRun.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            failure = null;
        } catch (java.util.concurrent.ExecutionException e) {
            failure = e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new CaseRun.Mismatch(expected, "connect still pending after " + CaseRun.TIMEOUT_MILLIS + " ms");
        }
        if (c.connectFailure == null && failure != null) {
            throw new CaseRun.Mismatch(expected, "connect failed: " + failure);
        }
        if (c.connectFailure != null) {
            WebSocketException cause = webSocketException(failure);
            if (cause == null || cause.violation() != c.connectFailure) {
                throw new CaseRun.Mismatch(expected, failure == null ? "connect succeeded" : "connect failed: " + failure);
            }
        }
    }

    private static WebSocketException webSocketException(Throwable t) {
        for (Throwable at = t; at != null; at = at.getCause()) {
            if (at instanceof WebSocketException) {
                return (WebSocketException) at;
            }
        }
        return null;
    }

    private static void checkClose(ClientCase c, Recorder recorder) throws Exception {
        if (c.connectFailure != null) {
            return;
        }
        String expected = "onClose " + (c.closeCode == null ? 1000 : c.closeCode);
        String event;
        do {
            event = recorder.events.poll(CaseRun.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new CaseRun.Mismatch(expected, "no onClose within " + CaseRun.TIMEOUT_MILLIS + " ms");
            }
        } while (!event.startsWith("close "));
        if (!event.equals("close " + (c.closeCode == null ? 1000 : c.closeCode))) {
            throw new CaseRun.Mismatch(expected, "on" + Character.toUpperCase(event.charAt(0)) + event.substring(1));
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** The application of the client under test: echoes every message and records the close. */
    static final class Recorder implements WebSocketHandler {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(data);
        }

        @Override
        public void onError(WebSocket socket, WebSocketException error) {
            events.add("error " + error.violation());
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            events.add("close " + code);
        }
    }
}
