package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.LoadResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Attacks a WebSocket server at any {@code ws://} URL, one attack after another, while a
 * healthy client keeps echoing small messages, and prints one {@code RESULT key=value …} line
 * per attack (human summaries on standard error). Options are listed on {@link AttackOptions};
 * for example
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.attack.AttackTool --url ws://127.0.0.1:9001/ --attacks deflate-bomb --server-pid 1234</pre>
 *
 * <p>The server should be one that echoes (the healthy client checks its echoes), a fresh one
 * per attack when an attack may leave it hurt (run-attacks.sh starts one per attack).
 */
public final class AttackTool {
    private AttackTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--list")) {
            for (Attack attack : Attacks.all(Target.of("ws://127.0.0.1:1/"), 32 << 20)) {
                System.out.printf("%-26s %s%n", attack.name(), attack.description());
            }
            return;
        }
        AttackOptions options;
        try {
            options = AttackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AttackTool: " + e.getMessage() + " (options: see dev.wskit.benchmarks.attack.AttackOptions)");
            System.exit(2);
            return;
        }
        // UTF-8 whatever the locale: outcomes carry no-break spaces (AttackRun.oneToken).
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        for (LoadResult result : run(options)) {
            System.err.println(result.summary());
            out.println(result.line());
        }
        // The healthy client's and the connector's threads are daemons or ended; leave promptly.
        System.exit(0);
    }

    /** Runs the attacks {@code args} describe and returns one result per attack. */
    public static List<LoadResult> run(String... args) throws Exception {
        return run(AttackOptions.parse(args));
    }

    static List<LoadResult> run(AttackOptions options) throws Exception {
        ServerLog log = options.serverLog() == null ? null : new ServerLog(options.serverLog());
        AttackRun run = new AttackRun(options.target(), options.scale(), options.serverPid(), log, options.labels());
        List<LoadResult> results = new ArrayList<>();
        for (Attack attack : Attacks.named(options.attacks(), options.target(), options.maxMessageBytes())) {
            results.add(run.run(attack));
        }
        return results;
    }
}
