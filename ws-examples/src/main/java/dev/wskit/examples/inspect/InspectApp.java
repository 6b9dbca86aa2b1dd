package dev.wskit.examples.inspect;

import dev.wskit.examples.App;
import dev.wskit.examples.CommandLine;
import dev.wskit.protocol.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code inspect}: the codec with no socket, over a recorded byte stream. */
public final class InspectApp implements App {

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "decode a recorded byte stream: frames, messages, the first broken rule";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: inspect [--from client|server] [--hex] [--deflate] [FILE]",
                "",
                "Reads one direction of a WebSocket connection (FILE, or standard input), optionally",
                "starting with its HTTP handshake, and prints each frame, the messages the receiver",
                "gets, and the first broken rule with the answer a strict peer sends.",
                "",
                "  --from client|server  who wrote the bytes (default client: a server judges them)",
                "  --hex                 the input is a hex dump (plain hex, xxd or hexdump -C)",
                "  --deflate             assume permessage-deflate was agreed (when no handshake is recorded)",
                "",
                "Exit status: 0 when no rule is broken, 1 when one is, 2 for a bad argument.");
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("from"), Set.of("hex", "deflate"));
        Role sender = line.getChoice("from", "client", Set.of("client", "server")).equals("client") ? Role.CLIENT : Role.SERVER;
        if (line.positional().size() > 1) {
            throw new CommandLine.UsageException("at most one FILE");
        }
        byte[] bytes;
        try {
            bytes = line.positional().isEmpty() ? in.readAllBytes() : Files.readAllBytes(Path.of(line.positional().get(0)));
        } catch (NoSuchFileException missing) {
            throw new CommandLine.UsageException("no such file: " + missing.getFile());
        }
        if (line.has("hex")) {
            try {
                bytes = HexDump.parse(new String(bytes, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException notHex) {
                throw new CommandLine.UsageException(notHex.getMessage());
            }
        }
        return new Inspector(sender, line.has("deflate"), out).inspect(bytes);
    }
}
