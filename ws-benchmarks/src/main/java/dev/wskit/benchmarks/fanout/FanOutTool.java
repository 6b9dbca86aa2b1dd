package dev.wskit.benchmarks.fanout;

/**
 * The fan-out benchmark: 1, 2, 3 … wskit nodes on loopback sharing one Redis, subscribers spread
 * over them, a publisher on node A; prints a markdown table, one row per node count. Options are
 * listed on {@link FanOutOptions}; for example
 *
 * <pre>java -cp benchmarks.jar dev.wskit.benchmarks.fanout.FanOutTool --redis redis://127.0.0.1:6379 --nodes 1,2,3 --subscribers 300</pre>
 *
 * <p>Exits with 1 when any subscriber missed a message or got one out of order.
 */
public final class FanOutTool {
    private FanOutTool() {
    }

    public static void main(String[] args) throws Exception {
        FanOutOptions options;
        try {
            options = FanOutOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FanOutTool: " + e.getMessage() + " (options: see dev.wskit.benchmarks.fanout.FanOutOptions)");
            System.exit(2);
            return;
        }
        System.out.println(FanOutResult.header());
        boolean complete = true;
        for (int nodes : options.nodes()) {
            FanOutResult result = new FanOutRun(options, nodes).run();
            System.out.println(result.row());
            complete &= result.lost() == 0 && result.outOfOrder() == 0;
        }
        System.exit(complete ? 0 : 1);
    }
}
