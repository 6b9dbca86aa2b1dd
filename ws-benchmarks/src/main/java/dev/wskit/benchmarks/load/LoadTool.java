package dev.wskit.benchmarks.load;

/**
 * A load generator for any {@code ws://} echo (or, {@code --mode broadcast}, broadcast) server over loopback, written on
 * {@code java.nio.channels} directly (no WebSocket library on the client side, so the client's
 * cost is the same whatever the server): pre-encoded masked frames out, an incremental parser
 * checking every echo in. Options are listed on {@link LoadOptions}; for example
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.load.LoadTool --port 8080 --connections 100 --in-flight 16 --size 64</pre>
 *
 * <p>Prints a human summary on standard error and one {@code RESULT key=value …} line on
 * standard output; exits with 1 when any echo failed verification or the run failed.
 */
public final class LoadTool {
    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadTool: " + e.getMessage() + " (options: see dev.wskit.benchmarks.load.LoadOptions)");
            System.exit(2);
            return;
        }
        LoadResult result = run(options);
        System.err.println(result.summary());
        System.out.println(result.line());
        System.exit(result.failed() ? 1 : 0);
    }

    /** Runs one measurement as {@code args} describe it. */
    public static LoadResult run(String... args) throws Exception {
        return run(LoadOptions.parse(args));
    }

    static LoadResult run(LoadOptions options) throws Exception {
        switch (options.mode()) {
            case "connect":
                return new ConnectRun(options).run();
            case "memory":
                return new MemoryRun(options).run();
            case "broadcast":
                return new BroadcastRun(options).run();
            default:
                return new EchoRun(options).run();
        }
    }
}
