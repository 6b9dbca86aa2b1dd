package dev.wskit.transport.core;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.transport.core.trace.Trace;
import dev.wskit.transport.core.trace.TraceKind;
import dev.wskit.transport.core.trace.TraceRecord;
import dev.wskit.transport.core.trace.TracedCalls;
import dev.wskit.transport.core.trace.TracedConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Plays a wire trace ({@link WireTrace}) back through the engine and the shared lifecycle, with no
 * socket and no application: the recorded input goes in at its recorded time, the recorded answers
 * of the application, the memory budget and the transport stand in for them, and every callback
 * and every byte written is compared with the trace. The result says where the replay first
 * diverged, if it did: a replay of the same wskit version diverges only where the engine does not
 * decide as it did (a bug to report, with the trace).
 */
public final class TraceReplay {
    /** Where the replay's clock starts; only differences of it matter. */
    private static final long CLOCK_BASE = 1L << 40;

    private final ReplayCursor cursor;
    private final ConnectionDriver driver;
    private final ReplayTap tap;
    private long now = CLOCK_BASE;

    private TraceReplay(Trace trace) {
        if (!"server".equals(trace.header("role", ""))) {
            throw new IllegalArgumentException("only a server connection's trace replays, not a "
                    + trace.header("role", "unnamed") + "'s");
        }
        WebSocketConfig config = TracedConfig.rebuild(trace.header());
        cursor = new ReplayCursor(trace.records());
        tap = new ReplayTap(cursor, TracedConfig.hadHttpHandler(trace.header()));
        ReplayIo io = new ReplayIo(cursor, trace.header("transport", "replay"), time -> now = CLOCK_BASE + time);
        driver = ConnectionDriver.replaying(config, new ReplayHandler(cursor), tap, io, () -> now);
        io.drive(driver);
        if (Boolean.parseBoolean(trace.header("memoryBudget", "false"))) {
            driver.engine().memoryAccount(tap.account(null));
        }
    }

    /**
     * Replays the trace in {@code file}.
     *
     * @param file a trace file, as {@link WireTrace} writes them
     * @return what the replay found
     * @throws IOException when the file cannot be read
     */
    public static Result replay(Path file) throws IOException {
        return replay(Trace.read(file));
    }

    /**
     * Replays the trace held in {@code bytes}, a trace file's contents.
     *
     * @param bytes the contents of a trace file
     * @return what the replay found
     * @throws IllegalArgumentException when {@code bytes} is not a server connection's trace
     */
    public static Result replay(byte[] bytes) {
        return replay(Trace.parse(bytes));
    }

    private static Result replay(Trace trace) {
        TraceReplay replay = new TraceReplay(trace);
        boolean truncated = replay.run();
        return new Result(trace.header(), replay.cursor.transcript(), replay.cursor.divergence(), truncated,
                trace.cut(), trace.isComplete(), replay.cursor.size());
    }

    /** Runs every record; whether the trace ended at its size bound. */
    private boolean run() {
        while (cursor.peek() != null && !cursor.hasDiverged()) {
            TraceRecord record = cursor.peek();
            if (record.kind() == TraceKind.END) {
                cursor.take();
                cursor.show(record + ": the connection's course is over");
                break;
            }
            if (!record.kind().isTimed()) {
                cursor.diverged("the trace has " + ReplayCursor.describe(record) + ", which the replay did not reproduce");
                break;
            }
            cursor.take();
            now = CLOCK_BASE + record.time();
            if (record.kind() == TraceKind.TRUNCATED) {
                cursor.show(record + ": the trace reached its size bound");
                return true;
            }
            cursor.show(ReplayCursor.describe(record));
            replay(record);
        }
        return false;
    }

    private void replay(TraceRecord record) {
        switch (record.kind()) {
            case START -> driver.start();
            case IN -> driver.receive(ByteBuffer.wrap(record.fields().bytes()));
            case WAKE -> driver.wakeUp();
            case PROGRESS -> driver.outputProgressed();
            case CLOSED -> driver.transportClosed();
            case SHED -> driver.shed();
            case DECIDED -> tap.decided(record);
            case CALL -> call(record);
            default -> cursor.diverged("the trace has " + record + " where an input was due");
        }
    }

    /** A call of the application from outside any callback, as its own thread made it. */
    private void call(TraceRecord record) {
        cursor.show("  call " + TracedCalls.describe(record.fields()));
        try {
            TracedCalls.replay(record.fields(), driver.socket(), misuse -> {
                driver.applicationFailed(misuse);
                driver.afterStep();
            });
        } catch (RuntimeException refused) {
            // Thrown at the call site when recorded too: the application was told, the connection went on.
            cursor.show("  call threw " + refused);
        }
    }

    /**
     * What a replay found.
     *
     * @param header the trace's header: role, transport, peer, configuration
     * @param transcript one line per input, and below it what the replay did
     * @param divergence where the replay first did otherwise than the trace, or {@code null}
     * @param truncated whether the trace reached its size bound (replayed up to there)
     * @param cut whether the file ended inside a record (the process stopped while writing it)
     * @param complete whether the trace holds the connection's whole course, to its end or its bound
     * @param records how many records the trace holds
     */
    public record Result(Map<String, String> header, List<String> transcript, String divergence, boolean truncated,
                         boolean cut, boolean complete, int records) {
        /**
         * Whether the replay did, step by step, what the trace recorded.
         *
         * @return {@code true} when the replay never diverged
         */
        public boolean identical() {
            return divergence == null;
        }
    }
}
