package dev.wskit.conformance;

import static dev.wskit.conformance.Frame.binary;
import static dev.wskit.conformance.Frame.continuation;
import static dev.wskit.conformance.Frame.ping;
import static dev.wskit.conformance.Frame.pong;
import static dev.wskit.conformance.Frame.text;
import static dev.wskit.conformance.ServerCase.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Autobahn sections 1 to 5 for servers: framing, ping/pong, reserved bits, opcodes and
 * fragmentation (RFC 6455 §5). Every failure here is a protocol error: close 1002.
 */
final class FramingCases {
    static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};
    private static final int PROTOCOL_ERROR = 1002;

    private FramingCases() {
    }

    static List<ServerCase> all() {
        List<ServerCase> cases = new ArrayList<>();
        framing(cases);
        pingPong(cases);
        reservedBits(cases);
        opcodes(cases);
        fragmentation(cases);
        return cases;
    }

    /** Section 1: every length encoding (RFC 6455 §5.2), whole and in 1-byte TCP writes. */
    private static void framing(List<ServerCase> cases) {
        for (int kind = 1; kind <= 2; kind++) {
            String name = kind == 1 ? "text" : "binary";
            int n = 1;
            for (int length : LENGTHS) {
                Frame f = message(kind, length);
                cases.add(row("1." + kind + "." + n++, name + ", payload " + length).send(f).expect(f).build());
            }
            Frame large = message(kind, 65536);
            cases.add(row("1." + kind + "." + n++, name + ", payload 65536 in writes of 997 bytes")
                    .sendChopped(997, large).expect(large).build());
            for (int length : new int[] {0, 125, 126, 128}) {
                Frame f = message(kind, length);
                cases.add(row("1." + kind + "." + n++, name + ", payload " + length + " in 1-byte writes")
                        .sendChopped(1, f).expect(f).build());
            }
            Frame huge = kind == 1 ? text(LargePayloads.TEXT_16_MIB) : binary(LargePayloads.BINARY_16_MIB);
            cases.add(row("1." + kind + "." + n, name + ", payload 16 MiB").send(huge).expect(huge).build());
        }
    }

    private static Frame message(int kind, int length) {
        return kind == 1 ? text(Payloads.text(length)) : binary(Payloads.binary(length));
    }

    /** Section 2: RFC 6455 §5.5.2, §5.5.3. */
    private static void pingPong(List<ServerCase> cases) {
        byte[] bin = {0x00, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc, (byte) 0xfb, 0x00, (byte) 0xff};
        cases.add(row("2.1", "ping, no payload").send(ping(new byte[0])).expect(pong(new byte[0])).build());
        cases.add(row("2.2", "ping, text payload").send(ping("Hello, world!")).expect(pong(Frame.utf8("Hello, world!"))).build());
        cases.add(row("2.3", "ping, binary payload").send(ping(bin)).expect(pong(bin)).build());
        cases.add(row("2.4", "ping, payload 125").send(ping(Payloads.binary(125))).expect(pong(Payloads.binary(125))).build());
        cases.add(row("2.5", "ping, payload 126: control frame too long (§5.5)")
                .send(ping(Payloads.binary(126))).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("2.6", "ping, payload 125, in 1-byte writes")
                .sendChopped(1, ping(Payloads.binary(125))).expect(pong(Payloads.binary(125))).build());
        cases.add(row("2.7", "unsolicited pong, no payload: no answer (§5.5.3)").send(pong(new byte[0])).build());
        cases.add(row("2.8", "unsolicited pong with payload: no answer").send(pong(Frame.utf8("unsolicited pong payload"))).build());
        cases.add(row("2.9", "unsolicited pong, then ping: one pong")
                .send(pong(Frame.utf8("unsolicited")), ping("ping payload")).expect(pong(Frame.utf8("ping payload"))).build());
        cases.add(tenPings("2.10", "10 pings in one write", Integer.MAX_VALUE));
        cases.add(tenPings("2.11", "10 pings in 1-byte writes", 1));
        ServerCase.Builder awaited = row("2.12", "10 pings, each answered before the next");
        for (int i = 0; i < 10; i++) {
            awaited.send(ping("payload-" + i)).expect(pong(Frame.utf8("payload-" + i)));
        }
        cases.add(awaited.build());
    }

    /**
     * RFC 6455 §5.5.3: an endpoint MAY answer only the most recent of several pings not yet
     * answered; so the pongs must echo pings' payloads in order and end with the last one.
     */
    private static ServerCase tenPings(String id, String title, int chop) {
        Frame[] pings = new Frame[10];
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            payloads.add("payload-" + i);
            pings[i] = ping(payloads.get(i));
        }
        return row(id, title).sendChopped(chop, pings)
                .step("pongs echoing the pings' payloads in order, the last for payload-9 (§5.5.3)", run -> {
                    int next = 0;
                    String seen = "";
                    while (next < 10) {
                        WireFrame f = run.nextFrame("a pong for payload-9");
                        String payload = new String(f.payload, java.nio.charset.StandardCharsets.UTF_8);
                        int at = payloads.subList(next, 10).indexOf(payload);
                        if (f.opcode != Frame.PONG || !f.fin || f.rsvBits != 0 || at < 0) {
                            throw new CaseRun.Mismatch("pongs in ping order ending with payload-9", seen + " then " + f);
                        }
                        seen += payload + " ";
                        next += at + 1;
                    }
                }).build();
    }

    /** Section 3: RFC 6455 §5.2, no extension agreed, so every RSV bit must be 0. */
    private static void reservedBits(List<ServerCase> cases) {
        Frame hello = text("Hello");
        cases.add(row("3.1", "text with RSV1, no extension agreed").send(hello.rsv(Frame.RSV1)).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("3.2", "text, then text with RSV2, then ping")
                .send(hello, hello.rsv(Frame.RSV2), ping("x")).expect(hello).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("3.3", "text, then text with RSV3, then ping, each awaited")
                .send(hello).expect(hello).send(hello.rsv(Frame.RSV3), ping("x")).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("3.4", "text, then text with RSV1+RSV2, then ping, in 1-byte writes")
                .sendChopped(1, hello, hello.rsv(Frame.RSV1 | Frame.RSV2), ping("x")).expect(hello).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("3.5", "binary with RSV1+RSV3")
                .send(binary(Payloads.binary(8)).rsv(Frame.RSV1 | Frame.RSV3)).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("3.6", "ping with RSV2+RSV3").send(ping("x").rsv(Frame.RSV2 | Frame.RSV3)).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("3.7", "close with all RSV bits")
                .send(Frame.close(1000).rsv(Frame.RSV1 | Frame.RSV2 | Frame.RSV3)).expectClose(PROTOCOL_ERROR).build());
    }

    /** Section 4: RFC 6455 §5.2, reserved opcodes 3–7 (data) and 11–15 (control). */
    private static void opcodes(List<ServerCase> cases) {
        int[][] groups = {{3, 4, 5, 6, 7}, {11, 12, 13, 14, 15}};
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < 5; i++) {
                int opcode = groups[g][i];
                String id = "4." + (g + 1) + "." + (i + 1);
                Frame reserved = Frame.of(opcode, i % 2 == 0 ? new byte[0] : Frame.utf8("reserved payload"));
                ServerCase.Builder b = row(id, "reserved opcode " + opcode + (i % 2 == 0 ? "" : " with payload")
                        + (i >= 2 ? ", after an echoed text, then ping" : ""));
                if (i < 2) {
                    b.send(reserved).expectClose(PROTOCOL_ERROR);
                } else if (i < 4) {
                    b.send(text("Hello"), reserved, ping("x")).expect(text("Hello")).expectClose(PROTOCOL_ERROR);
                } else {
                    b.sendChopped(1, text("Hello"), reserved, ping("x")).expect(text("Hello")).expectClose(PROTOCOL_ERROR);
                }
                cases.add(b.build());
            }
        }
    }

    /** Section 5: RFC 6455 §5.4, §5.5. */
    private static void fragmentation(List<ServerCase> cases) {
        Frame whole = text("fragment1fragment2");
        Frame first = text("fragment1").notFinal();
        Frame last = continuation("fragment2");
        cases.add(row("5.1", "ping in 2 fragments (§5.5: control frames are not fragmented)")
                .send(ping("ping").notFinal(), continuation("payload")).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.2", "pong in 2 fragments")
                .send(pong(Frame.utf8("pong")).notFinal(), continuation("payload")).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.3", "text in 2 fragments").send(first, last).expect(whole).build());
        cases.add(row("5.4", "text in 2 fragments, in 1-byte writes").sendChopped(1, first, last).expect(whole).build());
        cases.add(row("5.5", "text in 2 fragments, each awaited").send(first).send(last).expect(whole).build());
        cases.add(row("5.6", "text in 2 fragments with a ping between")
                .send(first, ping("ping"), last).expect(pong(Frame.utf8("ping")), whole).build());
        cases.add(row("5.7", "text in 2 fragments with a ping between, in 1-byte writes")
                .sendChopped(1, first, ping("ping"), last).expect(pong(Frame.utf8("ping")), whole).build());
        cases.add(row("5.8", "text in 3 fragments, a ping after each of the first two, pongs awaited")
                .send(text("a").notFinal(), ping("p1")).expect(pong(Frame.utf8("p1")))
                .send(continuation("b").notFinal(), ping("p2")).expect(pong(Frame.utf8("p2")))
                .send(continuation("c")).expect(text("abc")).build());
        cases.add(row("5.9", "continuation (final) with no message started")
                .send(continuation("fragment")).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.10", "continuation (not final) with no message started, then its end")
                .send(continuation("fragment1").notFinal(), continuation("fragment2")).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.11", "continuation with no message started, then a text message, in 1-byte writes")
                .sendChopped(1, continuation("fragment1"), text("Hello")).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.12", "text fragment, then a new text frame inside the message")
                .send(first, text("fragment2")).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.13", "text fragment, then a binary frame inside the message")
                .send(first, binary(Frame.utf8("fragment2"))).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.14", "text in 2 fragments, then a continuation with no message started")
                .send(first, last, continuation("fragment3")).expect(whole).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.15", "text in 3 empty fragments")
                .send(text("").notFinal(), continuation("").notFinal(), continuation("")).expect(text("")).build());
        byte[] data = Payloads.binary(300);
        cases.add(row("5.16", "binary in 3 fragments, ping and unsolicited pong between")
                .send(binary(Arrays.copyOfRange(data, 0, 100)).notFinal(), ping("p"),
                        Frame.continuation(Arrays.copyOfRange(data, 100, 200)).notFinal(), pong(Frame.utf8("u")),
                        Frame.continuation(Arrays.copyOfRange(data, 200, 300)))
                .expect(pong(Frame.utf8("p")), binary(data)).build());
        cases.add(row("5.17", "a fragmented ping inside a fragmented text message")
                .send(first, ping("p").notFinal(), continuation("q"), last).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("5.18", "text of 64 fragments of 1 KiB")
                .send(fragments(Payloads.text(64 * 1024), 1024)).expect(text(Payloads.text(64 * 1024))).build());
    }

    /** A text message cut into frames of {@code size} bytes (RFC 6455 §5.4). */
    static Frame[] fragments(byte[] message, int size) {
        int count = Math.max(1, (message.length + size - 1) / size);
        Frame[] frames = new Frame[count];
        for (int i = 0; i < count; i++) {
            byte[] piece = Arrays.copyOfRange(message, i * size, Math.min(message.length, (i + 1) * size));
            frames[i] = Frame.of(i == 0 ? Frame.TEXT : Frame.CONTINUATION, piece).fin(i == count - 1);
        }
        return frames;
    }
}
