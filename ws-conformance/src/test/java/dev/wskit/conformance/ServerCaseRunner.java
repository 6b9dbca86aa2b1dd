package dev.wskit.conformance;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Plays a {@link ServerCase} against a running echo server: opens a raw TCP connection, sends
 * the RFC 6455 §1.3 sample opening request (with the case's extension offer), checks the 101
 * answer, runs the steps, and closes normally when the case did not end the connection itself.
 */
final class ServerCaseRunner {
    /** RFC 6455 §1.3: this key's accept value is {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private ServerCaseRunner() {
    }

    static Outcome play(ServerCase c, Transport transport, int port) {
        long start = System.nanoTime();
        String got;
        boolean passed = false;
        CaseRun run = null;
        try (RawConnection wire = new RawConnection(new Socket(InetAddress.getLoopbackAddress(), port))) {
            run = new CaseRun(wire, false);
            openingHandshake(run, port, c.offer);
            for (ServerCase.Step step : c.steps) {
                step.run(run);
            }
            if (!run.ended()) {
                run.send(Frame.close(1000).masked(), Integer.MAX_VALUE);
                run.expectClose(1000);
            }
            passed = true;
            got = "as expected";
        } catch (CaseRun.Mismatch m) {
            got = run == null ? m.got : run.got(m);
        } catch (Exception e) {
            got = "the client failed: " + e;
        } finally {
            if (run != null && run.deflate != null) {
                run.deflate.release();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Outcome("server", c.id, c.section, c.title, transport, passed, c.expected, got, millis);
    }

    private static void openingHandshake(CaseRun run, int port, String offer) throws Exception {
        String request = "GET /conformance HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (offer == null ? "" : "Sec-WebSocket-Extensions: " + offer + "\r\n")
                + "\r\n";
        run.wire.write(request.getBytes(StandardCharsets.US_ASCII));
        String head = run.wire.readHead(CaseRun.TIMEOUT_MILLIS);
        String expected = "101 Switching Protocols with Sec-WebSocket-Accept: " + ACCEPT;
        if (head == null) {
            throw new CaseRun.Mismatch(expected, "no complete response head: " + run.wire.endDescription());
        }
        if (!head.startsWith("HTTP/1.1 101 ") || header(head, "sec-websocket-accept") == null
                || !header(head, "sec-websocket-accept").equals(ACCEPT)) {
            throw new CaseRun.Mismatch(expected, head.lines().findFirst().orElse("") + ", accept "
                    + header(head, "sec-websocket-accept"));
        }
        run.head = head;
        String extensions = header(head, "sec-websocket-extensions");
        if (extensions != null && extensions.toLowerCase(Locale.ROOT).startsWith("permessage-deflate")) {
            String agreed = extensions.toLowerCase(Locale.ROOT);
            // RFC 7692 §7.1.1.2: a client that offered client_no_context_takeover keeps to it.
            boolean ownReset = agreed.contains("client_no_context_takeover") || offer.contains("client_no_context_takeover");
            run.deflate = new DeflatePeer(ownReset, agreed.contains("server_no_context_takeover"));
        }
    }

    /** The value of header {@code name} (lower case) in an HTTP head, or {@code null}. */
    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
