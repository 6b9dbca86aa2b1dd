package dev.wskit.examples.client;

import dev.wskit.examples.transport.ClientConnection;
import dev.wskit.examples.transport.ClientOptions;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code client --autobahn URL}: the client driven by a fuzzing server, the way Autobahn's
 * {@code wstest -m fuzzingserver} drives one. It asks {@code /getCaseCount}, runs
 * {@code /runCase?case=N&agent=NAME} for every case, sending each message back unchanged, then
 * asks for {@code /updateReports?agent=NAME}. The server judges the cases, so a case may end any
 * way (a close code, a failed connection, no close in time) and the run goes on; only the two
 * bookkeeping connections can fail the run.
 *
 * <p>One connection at a time, on the thread that calls {@link #run}; each waits for its close at
 * most the case timeout. {@link #stop} may be called from any thread.
 */
final class AutobahnRun {
    /** A case's own events are not printed: the run prints one line per case, and cases send 16 MiB. */
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final ExampleTransport transport;
    private final URI server;
    private final String agent;
    private final WebSocketConfig config;
    private final ClientOptions options;
    private final Duration caseTimeout;
    private final PrintStream out;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile WebSocket current;
    private volatile boolean stopped;

    /**
     * @param server      the fuzzing server's URL, {@code ws://HOST:PORT}; its path, if any, prefixes
     *                    the endpoints
     * @param caseTimeout how long one connection may stay open before the client closes it
     */
    AutobahnRun(ExampleTransport transport, URI server, String agent, WebSocketConfig config,
                ClientOptions options, Duration caseTimeout, PrintStream out) {
        this.transport = transport;
        this.server = server;
        this.agent = agent;
        this.config = config;
        this.options = options;
        this.caseTimeout = caseTimeout;
        this.out = out;
    }

    /**
     * Runs every case, then has the reports updated.
     *
     * @return 0 when every case was attempted and the reports were updated, 1 when stopped early
     * @throws IOException when the case count or the report update failed, with the reason
     */
    int run() throws IOException, InterruptedException {
        try {
            int count = caseCount();
            out.println("autobahn: " + count + " cases from " + server + " as agent " + agent);
            for (int n = 1; n <= count && !stopped; n++) {
                out.println("case " + n + ": " + runCase(n));
            }
            if (stopped) {
                out.println("autobahn: stopped before the reports were updated");
                return 1;
            }
            updateReports();
            out.println("autobahn: reports updated for agent " + agent);
            return 0;
        } finally {
            ended.countDown();
        }
    }

    /** Ctrl-C: closes the open connection with 1001, runs no further case, waits for the run to end. */
    void stop() {
        stopped = true;
        WebSocket socket = current;
        if (socket != null) {
            try {
                socket.close(CloseCode.GOING_AWAY, "");
            } catch (IllegalStateException | RejectedExecutionException gone) {
                // The connection ended meanwhile: the run moves on to its end by itself.
            }
        }
        try {
            ended.await(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code /getCaseCount}: the server sends the count as one text message, then closes. */
    private int caseCount() throws IOException, InterruptedException {
        URI uri = endpoint("getCaseCount", null);
        TextKeepingHandler handler = new TextKeepingHandler();
        try (ClientConnection connection = ClientApp.connect(transport, uri, config, options, handler)) {
            awaitClose(connection, handler);
        }
        String text = handler.text;
        if (text == null) {
            throw new IOException(uri + " closed with " + handler.closeCode() + " before sending the case count");
        }
        try {
            int count = Integer.parseInt(text.strip());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IOException(uri + " sent '" + text + "', not a case count");
    }

    /** One case: echoes until the server closes; returns how it ended, for the progress line. */
    private String runCase(int n) throws InterruptedException {
        EchoingHandler handler = new EchoingHandler(QUIET);
        ClientConnection connection;
        try {
            connection = ClientApp.connect(transport, endpoint("runCase", "case=" + n + "&" + agentQuery()),
                    config, options, handler);
        } catch (IOException failed) {
            // Some cases fail the opening handshake on purpose; the server has judged it already.
            return failed.getMessage();
        }
        try (connection) {
            if (!awaitClose(connection, handler)) {
                return "no close within " + caseTimeout.toSeconds() + " s, closed with 1001";
            }
            return Integer.toString(handler.closeCode());
        }
    }

    /** {@code /updateReports}: the server writes its reports, then closes. */
    private void updateReports() throws IOException, InterruptedException {
        URI uri = endpoint("updateReports", agentQuery());
        TextKeepingHandler handler = new TextKeepingHandler();
        try (ClientConnection connection = ClientApp.connect(transport, uri, config, options, handler)) {
            if (!awaitClose(connection, handler)) {
                throw new IOException(uri + " did not close within " + caseTimeout.toSeconds() + " s");
            }
        }
        if (handler.exitStatus() != 0) {
            throw new IOException(uri + " closed with " + handler.closeCode() + ": the reports may not be updated");
        }
    }

    /**
     * Waits for the server's close, at most the case timeout; after that closes with 1001 and waits
     * the configured close timeout, past which the transport drops the connection itself.
     *
     * @return whether the server closed in time
     */
    private boolean awaitClose(ClientConnection connection, ReportingHandler handler) throws InterruptedException {
        current = connection.socket();
        try {
            if (stopped) {
                closeGoingAway(connection.socket());
            }
            if (handler.awaitClose(caseTimeout)) {
                return true;
            }
            closeGoingAway(connection.socket());
            handler.awaitClose(config.closeTimeout());
            return false;
        } finally {
            current = null;
        }
    }

    private static void closeGoingAway(WebSocket socket) {
        try {
            socket.close(CloseCode.GOING_AWAY, "");
        } catch (IllegalStateException | RejectedExecutionException gone) {
            // Closed meanwhile: the wait that follows returns at once.
        }
    }

    private String agentQuery() {
        return "agent=" + URLEncoder.encode(agent, StandardCharsets.UTF_8);
    }

    /** {@code server}'s URL with {@code /name} appended to its path, and the query. */
    private URI endpoint(String name, String query) {
        String base = server.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/" + name + (query == null ? "" : "?" + query));
    }

    /** Keeps the first text message (the case count) and prints nothing. */
    private static final class TextKeepingHandler extends ReportingHandler {
        private volatile String text;

        TextKeepingHandler() {
            super(QUIET);
        }

        @Override
        public void onText(WebSocket socket, String message) {
            if (text == null) {
                text = message;
            }
        }
    }
}
