package dev.wskit.examples.chat;

/**
 * A name held for one connection from the decision that accepted its upgrade. The connection
 * claims it when it opens; one that never opens (its handshake failed after the decision, as a
 * malformed extension offer does) never claims it, and the room lets it lapse. Whichever comes
 * first wins: a name that lapsed cannot be claimed, a claimed one does not lapse.
 */
final class ReservedName {
    private final String name;
    private boolean claimed;
    private boolean lapsed;

    ReservedName(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** The connection opened: returns whether the name is still its own. */
    synchronized boolean claim() {
        if (!lapsed) {
            claimed = true;
        }
        return claimed;
    }

    /** Nobody opened with the name in time: returns whether it lapsed now, so the room frees it. */
    synchronized boolean lapse() {
        if (!claimed) {
            lapsed = true;
        }
        return lapsed;
    }
}
