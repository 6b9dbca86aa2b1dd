package dev.wskit.conformance;

import static dev.wskit.conformance.Frame.continuation;
import static dev.wskit.conformance.Frame.ping;
import static dev.wskit.conformance.Frame.text;
import static dev.wskit.conformance.ServerCase.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Autobahn sections 6 and 7 for servers: UTF-8 in text messages (RFC 6455 §8.1: invalid text
 * fails the connection with 1007, as soon as the bad byte arrives) and the closing handshake
 * (RFC 6455 §5.5.1, §7.1, §7.4).
 */
final class TextAndCloseCases {
    private static final int PROTOCOL_ERROR = 1002;
    private static final int INVALID_PAYLOAD = 1007;
    private static final byte[] KOSME = Frame.utf8("κόσμε");
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** Valid at the edges of each encoding length and of the code space (Markus Kuhn's test file). */
    static final String[] VALID = {
        "00", "7f", "c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ee 80 80", "ef bf bd", "ef bf be", "ef bf bf",
        "f0 90 80 80", "f0 9f 98 80", "f4 8f bf bf",
    };

    /** Invalid: stray continuations, overlongs, surrogates, beyond U+10FFFF, bytes never used, truncations. */
    static final String[] INVALID = {
        "80", "bf", "80 bf 80", "c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "f0 80 80 80", "f0 8f bf bf",
        "f8 88 80 80 80", "fc 84 80 80 80 80", "ed a0 80", "ed bf bf", "ed a0 80 ed b0 80", "f4 90 80 80",
        "f5 80 80 80", "fe", "ff", "fe fe ff ff", "c2", "e0 a0", "f0 90 80", "c2 41", "e0 a0 41", "f0 90 41 41",
    };

    private TextAndCloseCases() {
    }

    static List<ServerCase> all() {
        List<ServerCase> cases = new ArrayList<>();
        utf8(cases);
        failFast(cases);
        closing(cases);
        return cases;
    }

    /** Section 6: valid text echoed however it is split; invalid text closed with 1007. */
    private static void utf8(List<ServerCase> cases) {
        byte[] hello = Frame.utf8("Hello-µ@ßöäüàá-UTF-8!!");
        cases.add(row("6.1.1", "valid UTF-8, one frame").send(text(hello)).expect(text(hello)).build());
        ServerCase.Builder everySplit = row("6.1.2", "valid UTF-8 in 2 fragments, split at each of " + (hello.length + 1) + " positions");
        for (int at = 0; at <= hello.length; at++) {
            everySplit.send(text(Arrays.copyOf(hello, at)).notFinal(), continuation(Arrays.copyOfRange(hello, at, hello.length)))
                    .expect(text(hello));
        }
        cases.add(everySplit.build());
        cases.add(row("6.1.3", "valid UTF-8, one fragment per byte").send(FramingCases.fragments(hello, 1)).expect(text(hello)).build());
        cases.add(row("6.1.4", "valid UTF-8, one frame in 1-byte writes").sendChopped(1, text(hello)).expect(text(hello)).build());
        for (int i = 0; i < VALID.length; i++) {
            byte[] valid = Frame.concat(KOSME, HEX.parseHex(VALID[i]), KOSME);
            cases.add(row("6.2." + (i + 1), "valid sequence " + VALID[i]).send(text(valid)).expect(text(valid)).build());
        }
        for (int i = 0; i < INVALID.length; i++) {
            byte[] invalid = Frame.concat(KOSME, HEX.parseHex(INVALID[i]), i >= 19 && i <= 21 ? new byte[0] : KOSME);
            cases.add(row("6.3." + (i + 1), "invalid sequence " + INVALID[i] + (i >= 19 && i <= 21 ? " at the end" : ""))
                    .send(text(invalid)).expectClose(INVALID_PAYLOAD).build());
        }
        // Every split of an invalid message into two fragments: each on its own connection.
        String[] splitInvalid = {"c0 af", "ed a0 80", "f4 90 80 80"};
        for (int s = 0; s < splitInvalid.length; s++) {
            byte[] invalid = Frame.concat(Frame.utf8("ab"), HEX.parseHex(splitInvalid[s]), Frame.utf8("cd"));
            for (int at = 0; at <= invalid.length; at++) {
                cases.add(row("6.4." + (s + 1) + "." + at, "invalid " + splitInvalid[s] + " in 2 fragments split at " + at)
                        .send(text(Arrays.copyOf(invalid, at)).notFinal(), continuation(Arrays.copyOfRange(invalid, at, invalid.length)))
                        .expectClose(INVALID_PAYLOAD).build());
            }
        }
    }

    /**
     * RFC 6455 §8.1 with the engine's streaming validation: the close arrives while the rest of
     * the message is still unsent, so the client is not made to send a whole bad message.
     */
    private static void failFast(List<ServerCase> cases) {
        byte[] tail = Frame.utf8("edited");
        byte[] bad = HEX.parseHex("f4 90 80 80");
        cases.add(row("6.5.1", "fail fast by fragment: valid fragment, invalid fragment, close before the last")
                .send(text(KOSME).notFinal(), continuation(bad).notFinal())
                .expectCloseFrame(INVALID_PAYLOAD).send(continuation(tail)).expectEnd().build());
        byte[] payload = Frame.concat(KOSME, bad, tail);
        int badEnd = KOSME.length + 2; // f4 90 is already impossible
        byte[] frame = text(payload).masked();
        int header = frame.length - payload.length;
        cases.add(row("6.5.2", "fail fast in a frame: header and payload up to f4 90, close before the rest of the frame")
                .sendBytes(Arrays.copyOf(frame, header + badEnd)).expectCloseFrame(INVALID_PAYLOAD)
                .sendBytes(Arrays.copyOfRange(frame, header + badEnd, frame.length)).expectEnd().build());
        cases.add(row("6.5.3", "fail fast in a frame, in 1-byte writes: up to f4 90, then close before the rest")
                .step(null, run -> run.send(Arrays.copyOf(frame, header + badEnd), 1)).expectCloseFrame(INVALID_PAYLOAD)
                .sendBytes(Arrays.copyOfRange(frame, header + badEnd, frame.length)).expectEnd().build());
        byte[] surrogate = Frame.concat(KOSME, HEX.parseHex("ed a0 80"), tail);
        byte[] frame2 = text(surrogate).masked();
        int header2 = frame2.length - surrogate.length;
        cases.add(row("6.5.4", "fail fast in a frame: up to the surrogate's ed a0, close before the rest")
                .sendBytes(Arrays.copyOf(frame2, header2 + KOSME.length + 2)).expectCloseFrame(INVALID_PAYLOAD)
                .sendBytes(Arrays.copyOfRange(frame2, header2 + KOSME.length + 2, frame2.length)).expectEnd().build());
    }

    /** Section 7: RFC 6455 §5.5.1, §7.1, §7.4. */
    private static void closing(List<ServerCase> cases) {
        Frame close = Frame.close(1000);
        cases.add(row("7.1.1", "text, then close").send(text("Hello")).expect(text("Hello")).send(close).expectClose(1000).build());
        cases.add(row("7.1.2", "close twice: only one close back").send(close, close).expectClose(1000).build());
        cases.add(row("7.1.3", "close, then ping: the ping is ignored").send(close, ping("x")).expectClose(1000).build());
        cases.add(row("7.1.4", "close, then text: the text is ignored").send(close, text("Hello")).expectClose(1000).build());
        cases.add(row("7.1.5", "text fragment, close, continuation: only the close is answered")
                .send(text("fragment1").notFinal(), close, continuation("fragment2")).expectClose(1000).build());
        cases.add(row("7.1.6", "close, then data in later writes: ignored")
                .send(close).expectCloseFrame(1000).send(text("after close")).expectEnd().build());
        cases.add(row("7.3.1", "close without payload: close back, with no code or 1000")
                .send(Frame.of(Frame.CLOSE, new byte[0])).expectClose(CaseRun.EMPTY_CLOSE, 1000).build());
        cases.add(row("7.3.2", "close with a 1-byte payload (§5.5.1)")
                .send(Frame.of(Frame.CLOSE, new byte[] {0x03})).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("7.3.3", "close 1000, no reason").send(close).expectClose(1000).build());
        cases.add(row("7.3.4", "close 1000 with a reason").send(Frame.close(1000, "Hello World!")).expectClose(1000).build());
        cases.add(row("7.3.5", "close 1000 with a 123-byte reason (payload 125)")
                .send(Frame.close(1000, Payloads.text(123))).expectClose(1000).build());
        cases.add(row("7.3.6", "close 1000 with a 124-byte reason (payload 126: control frame too long)")
                .send(Frame.close(1000, Payloads.text(124))).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("7.5.1", "close 1000 with a reason that is not UTF-8 (§5.5.1)")
                .send(Frame.close(1000, Frame.concat(KOSME, HEX.parseHex("ed a0 80")))).expectClose(INVALID_PAYLOAD).build());
        int[] valid = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
        for (int i = 0; i < valid.length; i++) {
            cases.add(row("7.7." + (i + 1), "close with valid code " + valid[i] + ": the code is echoed")
                    .send(Frame.close(valid[i], "reason")).expectClose(valid[i]).build());
        }
        int[] invalid = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535};
        for (int i = 0; i < invalid.length; i++) {
            cases.add(row("7.9." + (i + 1), "close with invalid code " + invalid[i] + " (§7.4)")
                    .send(Frame.close(invalid[i])).expectClose(PROTOCOL_ERROR).build());
        }
    }
}
