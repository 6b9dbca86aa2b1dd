package dev.wskit.examples;

import dev.wskit.examples.chat.ChatApp;
import dev.wskit.examples.client.ClientApp;
import dev.wskit.examples.echo.EchoApp;
import dev.wskit.examples.inspect.InspectApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar wskit-examples.jar APP [ARGS]}: picks an app, reports a bad argument in one line.
 * Exit status: 0 success, 1 failure (a port in use, a failed handshake, an abnormal close), 2 a bad
 * command line.
 */
public final class Main {
    private static final List<App> APPS = List.of(new EchoApp(), new ChatApp(), new ClientApp(), new InspectApp());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err));
    }

    /** Runs an app; returns its exit status (2 for a bad command line). A server app runs until Ctrl-C. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, StopSignal.onCtrlC());
    }

    /** Runs an app; a server app runs until {@code stop} is requested. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, StopSignal stop) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println(overview());
            return args.isEmpty() ? 2 : 0;
        }
        App app = APPS.stream().filter(a -> a.name().equals(args.get(0))).findFirst().orElse(null);
        if (app == null) {
            err.println("wskit-examples: unknown app '" + args.get(0) + "' (try --help)");
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(app.usage());
            return 0;
        }
        try {
            return app.run(rest, in, out, stop);
        } catch (CommandLine.UsageException bad) {
            err.println(app.name() + ": " + bad.getMessage() + " (try " + app.name() + " --help)");
            return 2;
        } catch (IOException failed) {
            err.println(app.name() + ": " + failed.getMessage());
            return 1;
        }
    }

    private static String overview() {
        StringBuilder text = new StringBuilder("usage: java -jar wskit-examples.jar APP [ARGS]   (APP --help for more)\n\napps:\n");
        for (App app : APPS) {
            text.append(String.format("  %-8s %s%n", app.name(), app.summary()));
        }
        return text.toString().stripTrailing();
    }
}
