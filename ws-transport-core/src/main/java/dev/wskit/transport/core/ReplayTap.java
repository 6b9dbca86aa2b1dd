package dev.wskit.transport.core;

import dev.wskit.protocol.MemoryAccount;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.transport.core.trace.TraceKind;
import dev.wskit.transport.core.trace.TraceRecord;
import dev.wskit.transport.core.trace.TracedAnswers;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The answers a replayed connection gets: each from the next record of the trace, where the
 * recorded connection got it from the application, the memory budget or the transport. The
 * engine's output is compared, frame by frame, with what the trace recorded.
 */
final class ReplayTap implements WireTap {
    private final ReplayCursor cursor;
    private final boolean httpHandler;
    /** A decision recorded as coming later: completed when the replay reaches its arrival. */
    private CompletableFuture<UpgradeDecision> later;
    private UpgradeDecision accepting;

    ReplayTap(ReplayCursor cursor, boolean httpHandler) {
        this.cursor = cursor;
        this.httpHandler = httpHandler;
    }

    @Override
    public WebSocketConfig config(WebSocketConfig config) {
        WebSocketConfig.Builder replayed = config.toBuilder().originPolicy(origin -> {
            TraceRecord verdict = cursor.take(TraceKind.ORIGIN, "asked the origin policy about " + origin);
            return verdict == null || verdict.fields().flag();
        });
        if (httpHandler) {
            replayed.httpHandler(request -> {
                TraceRecord answer = cursor.take(TraceKind.HTTP_ANSWER, "asked the HTTP handler about " + request.path());
                return answer == null ? null : TracedAnswers.readResponse(answer.fields());
            });
        }
        return replayed.build();
    }

    @Override
    public UpgradeDecider decider(UpgradeDecider decider) {
        return request -> {
            // The replay's own decider accepts with the replaying handler, wrapped as the driver wraps it.
            accepting = decider.decide(request);
            TraceRecord decision = cursor.take(TraceKind.DECISION, "asked for an upgrade decision");
            if (decision == null) {
                return accepting;
            }
            later = new CompletableFuture<>();
            UpgradeDecision recorded = TracedAnswers.readDecision(decision.fields(), accepting.handler(), later);
            cursor.show("  decision " + describe(recorded));
            return recorded;
        };
    }

    /** The decision that came later, as recorded in {@code arrival} (a {@link TraceKind#DECIDED}). */
    void decided(TraceRecord arrival) {
        if (later == null) {
            cursor.diverged("the trace has a late decision the replay never waited for");
            return;
        }
        UpgradeDecision decision;
        try {
            decision = TracedAnswers.readDecision(arrival.fields(), accepting.handler(), null);
        } catch (TracedAnswers.RecordedFailure failure) {
            later.completeExceptionally(failure);
            return;
        }
        cursor.show("  decision " + describe(decision));
        later.complete(decision);
    }

    @Override
    public MemoryAccount account(MemoryAccount unused) {
        return new MemoryAccount() {
            @Override
            public boolean reserve(long bytes) {
                TraceRecord granted = cursor.take(TraceKind.RESERVE, "reserved " + bytes + " B");
                return granted == null || granted.fields().flag();
            }

            @Override
            public void release(long bytes) {
                // Nothing to give back to: the recorded budget's answers are all there is.
            }
        };
    }

    @Override
    public long unwritten(long unwritten) {
        TraceRecord recorded = cursor.take(TraceKind.UNWRITTEN, "asked what is unwritten");
        return recorded == null ? 0 : recorded.fields().number();
    }

    @Override
    public void written(ByteBuffer out) {
        byte[] replayed = new byte[out.remaining()];
        out.duplicate().get(replayed);
        TraceRecord recorded = cursor.take(TraceKind.OUT, "wrote " + replayed.length + " B");
        if (recorded == null) {
            return;
        }
        byte[] expected = recorded.fields().bytes();
        int mismatch = Arrays.mismatch(expected, replayed);
        if (mismatch >= 0) {
            cursor.diverged("the replay wrote " + replayed.length + " B where the trace has " + expected.length
                    + " B (" + recorded + "), first different at byte " + mismatch);
        } else {
            cursor.show("  out " + replayed.length + " B, as recorded");
        }
    }

    private static String describe(UpgradeDecision decision) {
        if (decision == null) {
            return "none";
        }
        if (decision.isAccepted()) {
            return "accept" + (decision.subprotocol() != null ? " subprotocol=" + decision.subprotocol() : "");
        }
        return decision.isRejected() ? "reject " + decision.status() : "later";
    }
}
