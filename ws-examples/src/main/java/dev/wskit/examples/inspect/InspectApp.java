package dev.wskit.examples.inspect;

import dev.wskit.examples.App;
import dev.wskit.examples.CommandLine;
import dev.wskit.protocol.Role;
import dev.wskit.transport.core.TraceReplay;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code inspect}: the codec with no socket, over a recorded byte stream. */
public final class InspectApp implements App {

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "decode a recorded byte stream, or replay a server's wire trace through the engine";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: inspect [--from client|server] [--hex] [--deflate] [FILE]",
                "       inspect --replay TRACE",
                "",
                "Reads one direction of a WebSocket connection (FILE, or standard input), optionally",
                "starting with its HTTP handshake, and prints each frame, the messages the receiver",
                "gets, and the first broken rule with the answer a strict peer sends.",
                "",
                "  --from client|server  who wrote the bytes (default client: a server judges them)",
                "  --hex                 the input is a hex dump (plain hex, xxd or hexdump -C)",
                "  --deflate             assume permessage-deflate was agreed (when no handshake is recorded)",
                "  --replay              TRACE is a wire trace a server recorded (ServerBuilder.wireTrace): play it",
                "                        back through the engine, print each input and what it caused, and say",
                "                        where the replay does otherwise than the recorded connection did",
                "",
                "Exit status: 0 when no rule is broken (a replay as recorded), 1 when one is (a replay",
                "diverged), 2 for a bad argument.");
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("from"), Set.of("hex", "deflate", "replay"));
        if (line.has("replay")) {
            return replay(line, out);
        }
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

    private static int replay(CommandLine line, PrintStream out) throws IOException {
        if (line.positional().size() != 1) {
            throw new CommandLine.UsageException("--replay takes one TRACE file");
        }
        TraceReplay.Result result;
        try {
            result = TraceReplay.replay(Path.of(line.positional().get(0)));
        } catch (NoSuchFileException missing) {
            throw new CommandLine.UsageException("no such file: " + missing.getFile());
        } catch (IllegalArgumentException notATrace) {
            throw new CommandLine.UsageException(notATrace.getMessage());
        }
        Map<String, String> header = result.header();
        out.println("trace: " + header.get("role") + " connection on " + header.get("transport") + " from "
                + header.get("peer") + ", " + result.records() + " records");
        result.transcript().forEach(out::println);
        if (result.cut()) {
            out.println("the file ends inside a record: the process stopped while writing it");
        }
        if (!result.identical()) {
            out.println("replay diverged: " + result.divergence());
            return 1;
        }
        out.println(result.truncated()
                ? "replay as recorded, up to the trace's size bound"
                : "replay as recorded: the same callbacks, the same bytes out");
        return 0;
    }
}
