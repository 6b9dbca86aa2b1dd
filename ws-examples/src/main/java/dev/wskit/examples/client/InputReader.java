package dev.wskit.examples.client;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads standard input on a thread of its own, so a server's close ends the app even while a
 * person is still typing; each line goes to {@link InputCommands}. At the end of input the client
 * closes normally.
 */
final class InputReader {
    private final InputStream in;
    private final InputCommands commands;
    private final WebSocket socket;
    private final ReportingHandler handler;
    private final PrintStream out;

    InputReader(InputStream in, WebSocket socket, ReportingHandler handler, PrintStream out) {
        this.in = in;
        this.commands = new InputCommands(socket, out);
        this.socket = socket;
        this.handler = handler;
        this.out = out;
    }

    void start() {
        Thread reader = new Thread(this::sendLinesThenClose, "wskit-client-input");
        // A person may never end the input; the app ends with the connection regardless.
        reader.setDaemon(true);
        reader.start();
    }

    private void sendLinesThenClose() {
        try {
            sendLines();
            if (!handler.isClosed()) {
                socket.close(CloseCode.NORMAL_CLOSURE, "");
            }
        } catch (IllegalStateException | RejectedExecutionException gone) {
            // The connection ended while we sent, and the app may have released its transport
            // already: the close is reported, and there is no one left to send to.
        }
    }

    private void sendLines() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !handler.isClosed(); line = lines.readLine()) {
                commands.apply(line);
            }
        } catch (IOException unreadable) {
            out.println("[error] cannot read standard input: " + unreadable.getMessage());
        }
    }
}
