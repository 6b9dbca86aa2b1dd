package dev.wskit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One example app, run as {@code java -jar wskit-examples.jar NAME [ARGS]}. */
public interface App {
    String name();

    /** One line for the list of apps. */
    String summary();

    /** The whole of {@code NAME --help}. */
    String usage();

    /**
     * Runs the app to its end.
     *
     * @return the process exit status
     * @throws CommandLine.UsageException for a bad argument (exit status 2)
     */
    int run(List<String> args, InputStream in, PrintStream out) throws IOException;

    /**
     * Runs the app to its end, or until {@code stop} is requested: a server app serves until then.
     * {@link Main} calls this one; an app that ends by itself needs only the one above.
     */
    default int run(List<String> args, InputStream in, PrintStream out, StopSignal stop) throws IOException {
        return run(args, in, out);
    }
}
