package dev.wskit.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One case being played over one raw connection: the expectations shared by the server-side
 * and client-side suites. Comparison is strict: a frame must match byte for byte, a close must
 * be the only frame before the end of the TCP stream, and anything unexpected fails the case
 * with what was expected and what came.
 */
final class CaseRun {
    /** Generous for loopback; only a case that is about to fail waits this long. */
    static final long TIMEOUT_MILLIS = 5_000;
    static final int EMPTY_CLOSE = -1;

    final RawConnection wire;
    /** Whether frames we expect are masked: true when judging a client. */
    private final boolean peerMasks;
    private final List<String> notes = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private boolean ended;
    /** The peer's opening handshake head (request or response). */
    String head = "";
    /** Set when permessage-deflate was agreed in the handshake. */
    DeflatePeer deflate;

    CaseRun(RawConnection wire, boolean peerMasks) {
        this.wire = wire;
        this.peerMasks = peerMasks;
    }

    /** Thrown by an expectation that did not hold. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;
        final String expected;
        final String got;

        Mismatch(String expected, String got) {
            super("expected " + expected + ", got " + got);
            this.expected = expected;
            this.got = got;
        }
    }

    // ---- sending --------------------------------------------------------------------------------

    /**
     * Writes bytes in pieces of {@code chop}. A failed write is noted, not fatal: a peer may
     * rightly close while we still send (a fail-fast case), and the expectations judge.
     */
    void send(byte[] bytes, int chop) {
        try {
            wire.writeChopped(bytes, chop);
        } catch (IOException e) {
            notes.add("write failed: " + e.getMessage());
        }
    }

    boolean ended() {
        return ended;
    }

    List<String> notes() {
        return notes;
    }

    /** What a failed case reports as "got": the offending input, with what came before it. */
    String got(Mismatch m) {
        StringBuilder s = new StringBuilder(m.got).append(" (where ").append(m.expected).append(" was due)");
        if (received.size() > 1) {
            s.append("; frames received: ").append(String.join(", ", received));
        }
        if (!notes.isEmpty()) {
            s.append("; ").append(String.join("; ", notes));
        }
        return s.toString();
    }

    // ---- expectations ---------------------------------------------------------------------------

    /** The next frame, whatever it is; a mismatch naming {@code expected} when none comes. */
    WireFrame nextFrame(String expected) throws Exception {
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        WireFrame frame = WireFrame.read(wire, TIMEOUT_MILLIS, partial);
        if (frame == null) {
            String got = partial.size() == 0 ? "" : partial.size() + " bytes of a frame, then ";
            throw new Mismatch(expected, got + (wire.end() == null ? "nothing for " + TIMEOUT_MILLIS + " ms" : wire.endDescription()));
        }
        received.add(frame.toString());
        if (frame.masked != peerMasks) {
            throw new Mismatch(expected + (peerMasks ? " (masked)" : " (unmasked)"), frame.toString());
        }
        return frame;
    }

    /** The next frame is {@code frame}, encoded exactly so (minimal length, no stray bits). */
    void expectFrame(Frame frame) throws Exception {
        WireFrame got = nextFrame(frame.toString());
        byte[] wanted = frame.unmasked();
        boolean same = peerMasks
                ? got.opcode == frame.opcode && got.fin == frame.fin && got.rsvBits == frame.rsvBits
                        && got.minimalLength && Arrays.equals(got.payload, frame.payload)
                : Arrays.equals(got.raw, wanted);
        if (!same) {
            throw new Mismatch(frame.toString(), got + (got.minimalLength ? "" : " (length not minimally encoded)"));
        }
    }

    /**
     * One message of {@code opcode} and {@code payload}, in any number of frames none larger
     * than {@code maxFramePayload}: the peer may fragment, we reassemble (RFC 6455 §5.4).
     */
    int expectMessage(int opcode, byte[] payload, int maxFramePayload) throws Exception {
        String expected = WireFrame.opcodeName(opcode) + " message len=" + payload.length
                + " in frames of at most " + maxFramePayload + " bytes";
        ByteArrayOutputStream message = new ByteArrayOutputStream(payload.length);
        int frames = 0;
        for (boolean fin = false; !fin; frames++) {
            WireFrame f = nextFrame(expected);
            int wantedOpcode = frames == 0 ? opcode : Frame.CONTINUATION;
            if (f.opcode != wantedOpcode || f.rsvBits != 0 || !f.minimalLength || f.payload.length > maxFramePayload) {
                throw new Mismatch(expected, "frame " + (frames + 1) + ": " + f);
            }
            message.writeBytes(f.payload);
            fin = f.fin;
        }
        if (!Arrays.equals(message.toByteArray(), payload)) {
            throw new Mismatch(expected, "a message of " + message.size() + " bytes with other content, in " + frames + " frames");
        }
        return frames;
    }

    /**
     * A close frame with one of {@code codes} ({@link #EMPTY_CLOSE} for none) and a valid UTF-8
     * reason, then the end of the TCP stream with nothing in between: a second close, or any
     * frame after the close, fails (RFC 6455 §5.5.1: nothing is sent after a close frame).
     */
    void expectClose(int... codes) throws Exception {
        String expected = closeDescription(codes) + ", then TCP close";
        WireFrame f = expectCloseFrame(expected, codes);
        expectEnd(expected, "after " + f);
    }

    /** A close frame with one of {@code codes}; what follows is for the case to check. */
    void expectCloseFrame(int... codes) throws Exception {
        expectCloseFrame(closeDescription(codes), codes);
    }

    private WireFrame expectCloseFrame(String expected, int... codes) throws Exception {
        WireFrame f = nextFrame(expected);
        if (f.opcode != Frame.CLOSE || !f.fin || f.rsvBits != 0 || !contains(codes, f.closeCode()) || f.payload.length == 1) {
            throw new Mismatch(expected, f.toString());
        }
        if (!f.closeReasonIsUtf8()) {
            throw new Mismatch(expected, f + " with a reason that is not UTF-8");
        }
        return f;
    }

    /**
     * Failing the connection without a close frame is allowed here (RFC 6455 §7.1.7: SHOULD
     * send a close, not MUST): either the close with {@code code}, or the TCP stream just ends.
     */
    void expectCloseOrDrop(int code) throws Exception {
        String expected = "close " + code + " then TCP close, or TCP dropped";
        if (!wire.awaitAvailable(TIMEOUT_MILLIS)) {
            if (wire.end() == null) {
                throw new Mismatch(expected, "nothing for " + TIMEOUT_MILLIS + " ms");
            }
            ended = true;
            return;
        }
        WireFrame f = nextFrame(expected);
        if (f.opcode != Frame.CLOSE || f.closeCode() != code || !f.fin || f.rsvBits != 0 || !f.closeReasonIsUtf8()) {
            throw new Mismatch(expected, f.toString());
        }
        expectEnd(expected, "after " + f);
    }

    /** The TCP stream ends with no more bytes: EOF, or a reset that follows a complete exchange. */
    void expectEnd(String expected, String context) throws Exception {
        byte[] extra = wire.awaitEnd(TIMEOUT_MILLIS);
        if (extra.length > 0) {
            throw new Mismatch(expected, describeBytes(extra) + " " + context);
        }
        if (wire.end() == null) {
            throw new Mismatch(expected, "the connection still open " + TIMEOUT_MILLIS + " ms " + context);
        }
        ended = true;
    }

    /** What extra bytes are, as frames when they parse as frames. */
    private String describeBytes(byte[] bytes) {
        if (bytes.length >= 2) {
            int length = bytes[1] & 0x7f;
            int header = 2 + ((bytes[1] & 0x80) != 0 ? 4 : 0);
            if (length <= 125 && bytes.length >= header + length) {
                return "another frame (" + WireFrame.opcodeName(bytes[0] & 0x0f) + ", " + bytes.length + " bytes in all)";
            }
        }
        return bytes.length + " more bytes (" + WireFrame.preview(bytes) + ")";
    }

    static String closeDescription(int... codes) {
        StringBuilder s = new StringBuilder("close ");
        for (int i = 0; i < codes.length; i++) {
            s.append(i == 0 ? "" : " or ").append(codes[i] == EMPTY_CLOSE ? "(no code)" : String.valueOf(codes[i]));
        }
        return s.toString();
    }

    private static boolean contains(int[] codes, int code) {
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }
}
