package dev.wskit.benchmarks.report;

import java.util.Locale;

/**
 * How the chart draws a server: Netty's and Vert.x's own stacks in greys, wskit's transports in
 * colours, and the raw TCP echo as a dashed outline, since it is the load tool's ceiling rather
 * than a contender. {@code kind} names the group in the legend and in each bar's class.
 */
record ServerStyle(Kind kind, String fill, String stroke, String dash) {
    enum Kind {
        NATIVE("Netty's and Vert.x's own:"), WSKIT("wskit:"), CEILING("ceiling:");

        final String caption;

        Kind(String caption) {
            this.caption = caption;
        }

        String cssClass() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static ServerStyle of(String server) {
        return switch (server) {
            case LoadTable.NETTY -> new ServerStyle(Kind.NATIVE, "#b0b0b0", "#606060", "none");
            case LoadTable.VERTX -> new ServerStyle(Kind.NATIVE, "#707070", "#404040", "none");
            case "wskit-netty" -> new ServerStyle(Kind.WSKIT, "#1f6fd1", "#144a8c", "none");
            case "wskit-vertx" -> new ServerStyle(Kind.WSKIT, "#2e9b4f", "#1d6634", "none");
            case "wskit-blocking" -> new ServerStyle(Kind.WSKIT, "#8a4fd0", "#5b3290", "none");
            default -> new ServerStyle(Kind.CEILING, "#ffffff", "#404040", "4 3");
        };
    }
}
