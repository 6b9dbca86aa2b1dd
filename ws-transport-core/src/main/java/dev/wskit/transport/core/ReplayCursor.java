package dev.wskit.transport.core;

import dev.wskit.transport.core.trace.TraceKind;
import dev.wskit.transport.core.trace.TraceRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a replay stands in a trace's records, what it has shown so far, and the first place it
 * diverged: a record the replay did not reproduce there, or did differently.
 */
final class ReplayCursor {
    private final List<TraceRecord> records;
    private final List<String> transcript = new ArrayList<>();
    private int next;
    private String divergence;
    /** The transport's close was taken: a trace ends soon after it. */
    private boolean closed;

    ReplayCursor(List<TraceRecord> records) {
        this.records = records;
    }

    /** The next record, or {@code null} at the end. */
    TraceRecord peek() {
        return next < records.size() ? records.get(next) : null;
    }

    boolean nextIs(TraceKind kind) {
        TraceRecord record = peek();
        return record != null && record.kind() == kind;
    }

    /** The next record, taken. */
    TraceRecord take() {
        TraceRecord record = records.get(next++);
        closed |= record.kind() == TraceKind.CLOSED;
        return record;
    }

    /**
     * The next record when it is of {@code kind}, taken; else the replay diverged here (the engine
     * did {@code what}) and the answer is {@code null}.
     */
    TraceRecord take(TraceKind kind, String what) {
        if (nextIs(kind)) {
            return take();
        }
        TraceRecord found = peek();
        if (found == null && closed) {
            // The recording ended with the connection; what the replay does after is not in it.
            return null;
        }
        diverged("the replay " + what + " where the trace has "
                + (found == null ? "nothing more" : describe(found)));
        return null;
    }

    /** The first divergence is kept: what follows it is its consequence. */
    void diverged(String how) {
        if (divergence == null) {
            divergence = how;
            show("DIVERGED: " + how);
        }
    }

    boolean hasDiverged() {
        return divergence != null;
    }

    String divergence() {
        return divergence;
    }

    void show(String line) {
        transcript.add(line);
    }

    List<String> transcript() {
        return List.copyOf(transcript);
    }

    int position() {
        return next;
    }

    int size() {
        return records.size();
    }

    static String describe(TraceRecord record) {
        return switch (record.kind()) {
            case EVENT -> "event " + record.fields().text();
            case IN, OUT -> record + " " + record.fields().bytes().length + " B";
            case UNWRITTEN -> record + " " + record.fields().number() + " B";
            default -> record.toString();
        };
    }
}
