package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.CommandLine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attack tool's command line, {@code --name value} pairs:
 *
 * <pre>
 * --url U            the server, ws://host:port/ (required)
 * --attacks A,B      attack names, or all (default); --list prints them
 * --scale S          full (default) | short
 * --bomb-connections N  the deflate bomb's connections, instead of the scale's (full 300, short 30)
 * --max-message B    the server's message limit, for the attacks aimed at it (default 33554432)
 * --server-pid PID   the server process: heap sampled with jstat, live heap read with jcmd
 * --server-log FILE  the server's output, searched for OutOfMemoryError
 * --label k=v        copied into every result line (repeatable), e.g. --label server=wskit-netty
 * </pre>
 */
record AttackOptions(
        Target target,
        List<String> attacks,
        Scale scale,
        long maxMessageBytes,
        long serverPid,
        Path serverLog,
        Map<String, String> labels) {

    static AttackOptions parse(String... args) {
        CommandLine values = CommandLine.parse(args, Set.of());
        values.rejectUnknown(List.of("url", "attacks", "scale", "bomb-connections", "max-message", "server-pid", "server-log"));
        String log = values.get("server-log", null);
        Scale scale = Scale.of(values.get("scale", "full"));
        String bombs = values.get("bomb-connections", null);
        return new AttackOptions(
                Target.of(values.required("url")),
                Arrays.asList(values.get("attacks", "all").split(",")),
                bombs == null ? scale : scale.withBombConnections(Integer.parseInt(bombs)),
                Long.parseLong(values.get("max-message", Long.toString(32L << 20))),
                Long.parseLong(values.get("server-pid", "0")),
                log == null ? null : Path.of(log),
                values.labels());
    }
}
