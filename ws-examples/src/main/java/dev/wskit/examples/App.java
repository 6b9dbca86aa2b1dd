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
}
