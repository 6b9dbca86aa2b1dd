package dev.wskit.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the server-side suite: an Autobahn-like ID, what the raw client sends (masked
 * frames from the {@link Frame} DSL, cut into TCP writes as the case says), and what RFC 6455
 * requires back. A case that does not end in a close or a drop is finished by the runner with
 * a normal closing handshake, so an extra frame from the server fails it too.
 */
final class ServerCase {
    /** Which echo server a case talks to. */
    enum Target {
        /** Limits at 16 MiB, permessage-deflate accepted when offered. */
        ECHO,
        /** As {@link #ECHO}, and outgoing frames of at most {@link Transport#FRAGMENT_SIZE} bytes. */
        FRAGMENTING_ECHO
    }

    /** What the raw client does next, or what it checks. */
    interface Step {
        void run(CaseRun run) throws Exception;
    }

    final String id;
    final String section;
    final String title;
    final Target target;
    /** The {@code Sec-WebSocket-Extensions} offer, or {@code null} for none. */
    final String offer;
    final List<Step> steps;
    final String expected;

    private ServerCase(Builder b) {
        this.id = b.id;
        this.section = b.id.substring(0, b.id.indexOf('.'));
        this.title = b.title;
        this.target = b.target;
        this.offer = b.offer;
        this.steps = List.copyOf(b.steps);
        this.expected = b.expected.isEmpty() ? "nothing back, then a normal close" : String.join("; ", b.expected);
    }

    static Builder row(String id, String title) {
        return new Builder(id, title);
    }

    @Override
    public String toString() {
        return id + " " + title;
    }

    static final class Builder {
        private static final int ONE_WRITE = Integer.MAX_VALUE;

        private final String id;
        private final String title;
        private Target target = Target.ECHO;
        private String offer;
        private final List<Step> steps = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        Builder target(Target target) {
            this.target = target;
            return this;
        }

        /** Offers an extension in the opening request. */
        Builder offer(String offer) {
            this.offer = offer;
            return this;
        }

        /** The frames, masked, in one write. */
        Builder send(Frame... frames) {
            return sendChopped(ONE_WRITE, frames);
        }

        /** The frames, masked, cut into writes of {@code chop} bytes. */
        Builder sendChopped(int chop, Frame... frames) {
            // Encoded when played, so a table of large cases holds payloads, not encodings.
            steps.add(run -> run.send(Frame.concat(Arrays.stream(frames).map(Frame::masked).toArray(byte[][]::new)), chop));
            return this;
        }

        /** Raw bytes, as given: a partial frame, a header alone. */
        Builder sendBytes(byte[] bytes) {
            steps.add(run -> run.send(bytes, ONE_WRITE));
            return this;
        }

        /** Exactly these frames back, unmasked, byte for byte. */
        Builder expect(Frame... frames) {
            for (Frame f : frames) {
                expected.add(f.toString());
                steps.add(run -> run.expectFrame(f));
            }
            return this;
        }

        /** One message back, fragmented as the server likes within {@code maxFramePayload}. */
        Builder expectMessage(int opcode, byte[] payload, int maxFramePayload) {
            expected.add(WireFrame.opcodeName(opcode) + " message len=" + payload.length
                    + " in frames of at most " + maxFramePayload);
            steps.add(run -> run.expectMessage(opcode, payload, maxFramePayload));
            return this;
        }

        /** A close with one of {@code codes}, then TCP closed; nothing else. */
        Builder expectClose(int... codes) {
            expected.add(CaseRun.closeDescription(codes) + ", then TCP close");
            steps.add(run -> run.expectClose(codes));
            return this;
        }

        /**
         * A close frame with {@code code}, and then more sending before the end is awaited:
         * fail-fast cases check that the close came before the rest of a message was sent.
         */
        Builder expectCloseFrame(int code) {
            expected.add("close " + code + " before the rest is sent");
            steps.add(run -> run.expectCloseFrame(code));
            return this;
        }

        /** The TCP connection ends, with nothing more received. */
        Builder expectEnd() {
            expected.add("then TCP close, nothing more");
            steps.add(run -> run.expectEnd("TCP close", "after the close"));
            return this;
        }

        /** A close with {@code code} then TCP closed, or TCP dropped without a close. */
        Builder expectCloseOrDrop(int code) {
            expected.add("close " + code + " then TCP close, or TCP dropped");
            steps.add(run -> run.expectCloseOrDrop(code));
            return this;
        }

        /** Any other step, with the expectation it checks ({@code null} for a sending step). */
        Builder step(String expectation, Step step) {
            if (expectation != null) {
                expected.add(expectation);
            }
            steps.add(step);
            return this;
        }

        ServerCase build() {
            return new ServerCase(this);
        }
    }
}
