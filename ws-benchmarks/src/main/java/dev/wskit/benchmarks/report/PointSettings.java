package dev.wskit.benchmarks.report;

import java.util.List;

/**
 * A point's settings in words, from what its result lines say (not from what the script meant
 * to run): "small: 100 connections × 64 B binary, 16 in flight". A setting that differs between
 * runs shows every value, separated by slashes.
 */
final class PointSettings {
    private PointSettings() {
    }

    static String describe(LoadRuns runs, String point) {
        if (point.equals("connect")) {
            return point + ": " + joined(runs.values(point, "concurrency")) + " handshakes under way";
        }
        if (point.startsWith("broadcast")) {
            return point + ": 1 publisher → " + joined(runs.values(point, "subscribers")) + " subscribers × "
                    + joined(runs.values(point, "size").stream().map(PointSettings::bytes).toList())
                    + " text, " + joined(runs.values(point, "in_flight")) + " in flight";
        }
        List<String> connections = runs.values(point, "connections");
        String plural = connections.equals(List.of("1")) ? " connection" : " connections";
        return point + ": " + joined(connections) + plural + " × "
                + joined(runs.values(point, "size").stream().map(PointSettings::bytes).toList())
                + " " + joined(runs.values(point, "type")) + ", " + joined(runs.values(point, "in_flight")) + " in flight"
                + (point.equals("compressed") ? ", permessage-deflate on both sides" : "");
    }

    private static String bytes(String size) {
        long bytes = Long.parseLong(size);
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? "?" : String.join("/", values);
    }
}
