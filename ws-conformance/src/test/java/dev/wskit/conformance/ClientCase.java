package dev.wskit.conformance;

import dev.wskit.protocol.ProtocolViolation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One row of the client-side suite: how the scripted server answers the opening request, the
 * frames it then sends (unmasked, hand-built), and what RFC 6455 requires of the client: the
 * masked frames it sends back, the close code it fails with, or the reason its connect fails.
 * The client under test echoes every message it receives.
 */
final class ClientCase {
    /** RFC 6455 §1.3: the GUID appended to the key. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final String id;
    final String section;
    final String title;
    /** The response head, from the request's {@code Sec-WebSocket-Key}'s accept value. */
    final UnaryOperator<String> response;
    final List<ServerCase.Step> steps;
    /** Why connect must fail, or {@code null} when it must succeed. */
    final ProtocolViolation connectFailure;
    /** The code the client's handler must see in {@code onClose}; {@code null} when connect fails. */
    final Integer closeCode;
    final String expected;
    /** Whether the steps end the connection (otherwise the runner closes it normally). */
    final boolean ends;

    private ClientCase(Builder b) {
        this.id = b.id;
        this.section = b.id.substring(0, b.id.indexOf('.'));
        this.title = b.title;
        this.response = b.response;
        this.steps = List.copyOf(b.steps);
        this.connectFailure = b.connectFailure;
        this.closeCode = b.closeCode;
        List<String> all = new ArrayList<>(b.expected);
        if (connectFailure != null) {
            all.add("connect fails with " + connectFailure);
        } else if (!b.ends) {
            all.add("after our close 1000: close 1000 back, onClose 1000");
        } else {
            all.add("onClose " + closeCode);
        }
        this.expected = String.join("; ", all);
        this.ends = b.ends;
    }

    static Builder row(String id, String title) {
        return new Builder(id, title);
    }

    /** A correct 101 answer (RFC 6455 §4.2.2 item 5). */
    static String switching(String accept) {
        return "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
    }

    /** RFC 6455 §4.2.2 item 5.4: base64 of the SHA-1 of the key and the GUID, computed here, not by the engine. */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return id + " " + title;
    }

    static final class Builder {
        private final String id;
        private final String title;
        private UnaryOperator<String> response = ClientCase::switching;
        private final List<ServerCase.Step> steps = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();
        private ProtocolViolation connectFailure;
        private Integer closeCode;
        private boolean ends;

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        Builder response(UnaryOperator<String> response) {
            this.response = response;
            return this;
        }

        /** Unmasked frames, as a server sends them, in one write. */
        Builder send(Frame... frames) {
            return sendChopped(Integer.MAX_VALUE, frames);
        }

        Builder sendChopped(int chop, Frame... frames) {
            steps.add(run -> run.send(Frame.concat(Arrays.stream(frames).map(Frame::unmasked).toArray(byte[][]::new)), chop));
            return this;
        }

        /** Frames that break the rule "a server never masks" (RFC 6455 §5.1). */
        Builder sendMasked(Frame... frames) {
            steps.add(run -> run.send(Frame.concat(Arrays.stream(frames).map(Frame::masked).toArray(byte[][]::new)), Integer.MAX_VALUE));
            return this;
        }

        Builder sendBytes(byte[] bytes) {
            steps.add(run -> run.send(bytes, Integer.MAX_VALUE));
            return this;
        }

        /** The client sends exactly these frames back, masked. */
        Builder expect(Frame... frames) {
            for (Frame f : frames) {
                expected.add("masked " + f);
                steps.add(run -> run.expectFrame(f));
            }
            return this;
        }

        /** The client fails the connection: its close with {@code code}, TCP closed, {@code onClose(code)}. */
        Builder expectFailure(int code) {
            expected.add("close " + code + " from the client, then TCP close");
            steps.add(run -> run.expectClose(code));
            closeCode = code;
            ends = true;
            return this;
        }

        /**
         * The client answers our close with {@code code} (or, for an empty close, no code or
         * 1000), waits for us to close TCP (RFC 6455 §7.1.1), and reports {@code reported}.
         */
        Builder expectCloseReply(int reported, int... codes) {
            expected.add(CaseRun.closeDescription(codes) + " from the client; we close TCP");
            steps.add(run -> {
                run.expectCloseFrame(codes);
                run.wire.socket.close();
            });
            closeCode = reported;
            ends = true;
            return this;
        }

        /** The client's handler must see {@code onClose(code)}; the steps checked the wire. */
        Builder expectFailureReported(int code) {
            closeCode = code;
            ends = true;
            return this;
        }

        /** The opening handshake fails: connect completes with {@code violation}, and TCP is closed. */
        Builder connectFails(ProtocolViolation violation) {
            connectFailure = violation;
            expected.add("no frame; the client closes TCP");
            steps.add(run -> run.expectEnd("TCP close by the client", "after the response"));
            ends = true;
            return this;
        }

        Builder step(String expectation, ServerCase.Step step) {
            if (expectation != null) {
                expected.add(expectation);
            }
            steps.add(step);
            return this;
        }

        ClientCase build() {
            return new ClientCase(this);
        }
    }
}
