package dev.wskit.benchmarks.attack;

/**
 * What a server did to one attacking connection, as the attacker sees it: sent a close frame
 * (RFC 6455 §7.4 code), answered the upgrade with an HTTP error, dropped the connection without
 * a close frame, reset it, or still holds it open.
 */
record Fate(String label) {
    static final Fate OPEN = new Fate("open");
    static final Fate DROPPED = new Fate("dropped without close");
    static final Fate RESET = new Fate("reset");

    static Fate close(int code) {
        return new Fate("close " + code);
    }

    static Fate http(String status) {
        return new Fate("http " + status);
    }

    boolean open() {
        return this.equals(OPEN);
    }
}
