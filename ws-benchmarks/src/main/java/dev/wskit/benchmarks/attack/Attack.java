package dev.wskit.benchmarks.attack;

/**
 * One way to try to hurt a WebSocket server. An attack opens its connections, does its damage,
 * holds them for {@link Scale#holdMillis()} (longer where the attack needs time to play out),
 * then reports what the server did to them and closes them.
 */
abstract class Attack {
    private final String name;
    private final String description;

    Attack(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** The name on the command line and in the report. */
    final String name() {
        return name;
    }

    /** What the attack sends, in a line. */
    final String description() {
        return description;
    }

    /** Runs the attack and returns what the server did to the attacking connections. */
    abstract String run(Target target, Scale scale) throws Exception;
}
