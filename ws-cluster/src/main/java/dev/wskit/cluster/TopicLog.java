package dev.wskit.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One topic's history in memory, as Redis keeps a stream: ids {@code <ms>-<seq>} from the clock,
 * strictly increasing even when the clock stands still or steps back, and trimmed after each
 * append to {@link HistoryBounds} (exactly, where Redis trims approximately).
 */
final class TopicLog {
    private final Deque<StreamEntry> entries = new ArrayDeque<>();
    private final HistoryBounds bounds;
    private final LongSupplier clock;
    private long lastMillis;
    private long lastSequence = -1;

    TopicLog(HistoryBounds bounds, LongSupplier clock) {
        this.bounds = bounds;
        this.clock = clock;
    }

    StreamEntry append(String sender, String payload, String origin) {
        String previous = lastId();
        long now = clock.getAsLong();
        if (now > lastMillis) {
            lastMillis = now;
            lastSequence = 0;
        } else {
            lastSequence++;
        }
        StreamEntry entry = new StreamEntry(lastMillis + "-" + lastSequence, previous, sender, payload, origin, false);
        entries.addLast(entry);
        trim(now);
        return entry;
    }

    /** The id of the last message appended, whether or not it is still kept; {@link StreamIds#ZERO} before any. */
    String lastId() {
        return lastSequence < 0 ? StreamIds.ZERO : lastMillis + "-" + lastSequence;
    }

    /** The messages kept after {@code afterId}, in order. */
    List<StreamEntry> after(String afterId) {
        List<StreamEntry> after = new ArrayList<>();
        for (StreamEntry entry : entries) {
            if (StreamIds.compare(entry.id(), afterId) > 0) {
                after.add(entry);
            }
        }
        return after;
    }

    /** The last appended entry always stays, as in Redis, where trimming follows the add. */
    private void trim(long now) {
        while (entries.size() > bounds.maxCount()) {
            entries.removeFirst();
        }
        long oldest = now - bounds.maxAge().toMillis();
        while (entries.size() > 1 && StreamIds.millis(entries.peekFirst().id()) < oldest) {
            entries.removeFirst();
        }
    }
}
