package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.LoadResult;
import dev.wskit.benchmarks.load.ServerProbe;
import java.util.Map;

/**
 * One attack against one server, measured: the server's live heap before (after a collection),
 * its peak heap during the attack (sampled), what it did to the attacking connections, how the
 * healthy client fared meanwhile, whether it printed {@code OutOfMemoryError}, its live heap once
 * the attack has stopped and settled, and whether a newcomer is still served.
 */
final class AttackRun {
    /** After the attack's connections close, before the live heap is read again. */
    private static final long SETTLE_MILLIS = 2000;
    /** Without heap readings, just long enough for the server to see the attack's connections close. */
    private static final long SHORT_SETTLE_MILLIS = 200;
    private static final long HEAP_SAMPLE_MILLIS = 200;
    private static final long HEALTHY_INTERVAL_MILLIS = 20;
    /** A live heap within this of the baseline has returned to it. */
    private static final long RETURNED_SLACK_BYTES = 16 << 20;

    private final Target target;
    private final Scale scale;
    private final long serverPid;
    private final ServerLog log;
    private final Map<String, String> labels;

    AttackRun(Target target, Scale scale, long serverPid, ServerLog log, Map<String, String> labels) {
        this.target = target;
        this.scale = scale;
        this.serverPid = serverPid;
        this.log = log;
        this.labels = labels;
    }

    LoadResult run(Attack attack) throws Exception {
        LoadResult result = new LoadResult().put("attack", attack.name()).putAll(labels);
        boolean heapRead = serverPid > 0 && scale.measureHeap();
        ServerProbe probe = heapRead ? new ServerProbe(serverPid) : null;
        long before = probe == null ? -1 : probe.liveHeapBytes();
        if (log != null) {
            log.mark();
        }
        String outcome;
        HeapWatch heap = heapRead ? HeapWatch.start(serverPid, HEAP_SAMPLE_MILLIS) : null;
        HealthyClient healthy = new HealthyClient(target, HEALTHY_INTERVAL_MILLIS).start();
        try {
            outcome = attack.run(target, scale);
        } catch (Exception e) {
            outcome = "attack failed: " + e;
        } finally {
            healthy.close();
            if (heap != null) {
                heap.close();
            }
        }
        healthy.report(result);
        long peak = heap == null ? -1 : heap.peakBytes();
        result.put("outcome", oneToken(outcome));
        Thread.sleep(heapRead ? SETTLE_MILLIS : SHORT_SETTLE_MILLIS);
        boolean alive = serverPid <= 0 || ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false);
        long after = probe == null || !alive ? -1 : probe.liveHeapBytes();
        result.put("server_alive", alive)
                .put("serves_after", alive && HealthyClient.serves(target, 3))
                .put("heap_before_mb", mb(before))
                .put("heap_peak_mb", mb(peak))
                .put("heap_after_mb", mb(after))
                .put("heap_returned", before >= 0 && after >= 0 && after <= before + RETURNED_SLACK_BYTES);
        if (log != null) {
            result.put("oom_lines", log.outOfMemoryLinesSinceMark());
        }
        return result;
    }

    /**
     * Text as one token of a result line, which splits on whitespace: spaces become no-break
     * spaces (U+00A0), which the table turns back, so underscores in the text stay what they are.
     */
    static String oneToken(String text) {
        return text.replace(' ', '\u00a0');
    }

    private static double mb(long bytes) {
        return bytes < 0 ? -1.0 : bytes / 1e6;
    }
}
