package dev.wskit.examples.client;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Turns one line of standard input into a send. A plain line is a text message; a line starting
 * with {@code /} is a command, and {@code //} sends the rest of the line, one slash removed, as text.
 */
final class InputCommands {
    static final String HELP = String.join("\n",
            "  TEXT                   sends TEXT as a text message",
            "  /hex HEX               sends the bytes HEX (spaces allowed) as a binary message",
            "  /ping [TEXT]           sends a ping (the pong is printed as [pong] TEXT)",
            "  /close [CODE [REASON]] starts the closing handshake (default 1000)",
            "  //TEXT                 sends /TEXT as a text message");

    private final WebSocket socket;
    private final PrintStream out;

    InputCommands(WebSocket socket, PrintStream out) {
        this.socket = socket;
        this.out = out;
    }

    /** Sends what {@code line} asks for; a malformed command is reported and sends nothing. */
    void apply(String line) {
        if (!line.startsWith("/") || line.startsWith("//")) {
            socket.sendText(line.startsWith("//") ? line.substring(1) : line);
            return;
        }
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1);
        try {
            switch (command) {
                case "/hex" -> socket.sendBinary(ByteBuffer.wrap(HexFormat.of().parseHex(argument.replace(" ", ""))));
                case "/ping" -> socket.sendPing(ByteBuffer.wrap(argument.getBytes(StandardCharsets.UTF_8)));
                case "/close" -> close(argument);
                default -> out.println("[error] unknown command " + command + " (start a text with // to send it as is)");
            }
        } catch (IllegalArgumentException refused) {
            // Odd hex, a ping above 125 bytes, a close code that may not be sent: the user retypes.
            out.println("[error] " + command + ": " + refused.getMessage());
        }
    }

    private void close(String argument) {
        if (argument.isBlank()) {
            socket.close(CloseCode.NORMAL_CLOSURE, "");
            return;
        }
        String[] codeAndReason = argument.split(" ", 2);
        socket.close(Integer.parseInt(codeAndReason[0]), codeAndReason.length > 1 ? codeAndReason[1] : "");
    }
}
