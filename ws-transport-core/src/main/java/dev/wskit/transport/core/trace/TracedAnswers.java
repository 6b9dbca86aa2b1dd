package dev.wskit.transport.core.trace;

import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * The application's answers a trace records, since a replay runs without the application: upgrade
 * decisions ({@link TraceKind#DECISION}, {@link TraceKind#DECIDED}) and the HTTP handler's
 * responses ({@link TraceKind#HTTP_ANSWER}). What never reaches the wire is left out: the
 * decision's handler (the replay puts its own in) and its attributes.
 */
public final class TracedAnswers {
    private static final int NONE = 0;
    private static final int ACCEPT = 1;
    private static final int REJECT = 2;
    private static final int LATER = 3;
    private static final int THREW = 4;

    private TracedAnswers() {
    }

    /** {@code decision} (may be {@code null}, which the engine answers 500). */
    public static void writeDecision(TraceWriter.Fields out, UpgradeDecision decision) {
        if (decision == null) {
            out.number(NONE);
        } else if (decision.isAccepted()) {
            out.number(ACCEPT).nullableText(decision.subprotocol());
            writeHeaders(out, decision.headers());
        } else if (decision.isRejected()) {
            out.number(REJECT).number(decision.status()).bytes(decision.body());
            writeHeaders(out, decision.headers());
        } else {
            out.number(LATER);
        }
    }

    /** A decision that came later and failed instead. */
    public static void writeDecisionFailure(TraceWriter.Fields out, Throwable failure) {
        out.number(THREW).text(String.valueOf(failure));
    }

    /**
     * The decision {@link #writeDecision} wrote, accepting with {@code handler}; a recorded
     * {@code later} decision becomes {@code later(stage)}, a recorded failure throws.
     */
    public static UpgradeDecision readDecision(TraceRecord.Fields in, WebSocketHandler handler,
                                               CompletionStage<UpgradeDecision> stage) {
        int kind = in.integer();
        switch (kind) {
            case NONE:
                return null;
            case ACCEPT: {
                String subprotocol = in.nullableText();
                UpgradeDecision accept = UpgradeDecision.accept(handler);
                return withHeaders(subprotocol != null ? accept.withSubprotocol(subprotocol) : accept, in);
            }
            case REJECT: {
                int status = in.integer();
                String body = new String(in.bytes(), StandardCharsets.UTF_8);
                return withHeaders(UpgradeDecision.reject(status, body), in);
            }
            case LATER:
                return UpgradeDecision.later(stage);
            case THREW:
                throw new RecordedFailure(in.text());
            default:
                throw new IllegalArgumentException("unknown decision kind " + kind);
        }
    }

    /** A plain request's answer: {@code response}, {@code null} (404), or {@code failure} (500). */
    public static void writeResponse(TraceWriter.Fields out, HttpResponse response, RuntimeException failure) {
        if (failure != null) {
            out.number(THREW).text(failure.toString());
        } else if (response == null) {
            out.number(NONE);
        } else {
            out.number(ACCEPT).number(response.status()).bytes(response.body());
            writeHeaders(out, response.headers());
        }
    }

    /** The answer {@link #writeResponse} wrote; a recorded failure throws. */
    public static HttpResponse readResponse(TraceRecord.Fields in) {
        int kind = in.integer();
        if (kind == NONE) {
            return null;
        }
        if (kind == THREW) {
            throw new RecordedFailure(in.text());
        }
        int status = in.integer();
        byte[] body = in.bytes();
        return HttpResponse.of(status, readHeaders(in), body);
    }

    private static void writeHeaders(TraceWriter.Fields out, HttpHeaders headers) {
        int[] count = new int[1];
        headers.forEach((name, value) -> count[0]++);
        out.number(count[0]);
        headers.forEach((name, value) -> out.text(name).text(value));
    }

    private static HttpHeaders readHeaders(TraceRecord.Fields in) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (int n = in.integer(); n > 0; n--) {
            headers.add(in.text(), in.text());
        }
        return headers.build();
    }

    private static UpgradeDecision withHeaders(UpgradeDecision decision, TraceRecord.Fields in) {
        UpgradeDecision with = decision;
        for (int n = in.integer(); n > 0; n--) {
            with = with.withHeader(in.text(), in.text());
        }
        return with;
    }

    /** What the application threw when the trace was recorded, thrown again in the replay. */
    public static final class RecordedFailure extends RuntimeException {
        public RecordedFailure(String recorded) {
            super("as recorded: " + recorded, null, false, false);
        }
    }
}
