package dev.wskit.benchmarks.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * What one fan-out run measures, from {@code --name value} arguments (defaults in brackets):
 * {@code --redis URI} (required), {@code --nodes LIST} node counts, one point each [1,2,3],
 * {@code --subscribers N} spread evenly over the nodes [300], {@code --rate N} messages published
 * per second on node A [200], {@code --size N} bytes per message [64], {@code --warmup S} [2] and
 * {@code --seconds S} [10] per point.
 */
record FanOutOptions(String redis, List<Integer> nodes, int subscribers, int rate, int size, double warmup, double seconds) {

    static FanOutOptions parse(String... args) {
        String redis = null;
        List<Integer> nodes = List.of(1, 2, 3);
        int subscribers = 300;
        int rate = 200;
        int size = 64;
        double warmup = 2;
        double seconds = 10;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--redis" -> redis = value;
                case "--nodes" -> nodes = counts(value);
                case "--subscribers" -> subscribers = positive(args[i], value);
                case "--rate" -> rate = positive(args[i], value);
                case "--size" -> size = Math.max(positive(args[i], value), 48);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (redis == null) {
            throw new IllegalArgumentException("--redis redis://HOST:PORT is required");
        }
        return new FanOutOptions(redis, nodes, subscribers, rate, size, warmup, seconds);
    }

    private static List<Integer> counts(String value) {
        List<Integer> counts = new ArrayList<>();
        for (String count : value.split(",")) {
            counts.add(positive("--nodes", count.strip()));
        }
        return counts;
    }

    private static int positive(String option, String value) {
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1: " + value);
        }
        return number;
    }
}
