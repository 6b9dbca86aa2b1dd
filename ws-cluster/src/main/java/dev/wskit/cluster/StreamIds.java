package dev.wskit.cluster;

/** Redis stream ids, {@code <ms>-<seq>}, compared as the pair of numbers they are. */
final class StreamIds {
    /** The id before every id: a topic's first message follows it. */
    static final String ZERO = "0-0";

    private StreamIds() {
    }

    static int compare(String a, String b) {
        int byMillis = Long.compareUnsigned(millis(a), millis(b));
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence(a), sequence(b));
    }

    static long millis(String id) {
        int dash = dash(id);
        return Long.parseUnsignedLong(id, 0, dash, 10);
    }

    static long sequence(String id) {
        return Long.parseUnsignedLong(id, dash(id) + 1, id.length(), 10);
    }

    /** Checks the form; an id a caller gives to resume from is checked at once, not on another thread. */
    static String requireValid(String id) {
        try {
            millis(id);
            sequence(id);
            return id;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stream id (<ms>-<seq>): " + id, e);
        }
    }

    private static int dash(String id) {
        int dash = id.indexOf('-');
        if (dash < 1) {
            throw new IllegalArgumentException("not a stream id (<ms>-<seq>): " + id);
        }
        return dash;
    }
}
