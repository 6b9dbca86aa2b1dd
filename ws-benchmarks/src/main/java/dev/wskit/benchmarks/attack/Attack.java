package dev.wskit.benchmarks.attack;

/**
 * One way to try to hurt a WebSocket server. An attack opens its connections, does its damage,
 * holds them for {@link Scale#holdMillis()} (longer where the attack needs time to play out),
 * then reports what the server did to them and closes them.
 */
interface Attack {
    /** The name on the command line and in the report. */
    String name();

    /** What the attack sends, in a line. */
    String description();

    /** Runs the attack and returns what the server did to the attacking connections. */
    String run(Target target, Scale scale) throws Exception;
}
