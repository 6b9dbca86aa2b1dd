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
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Autobahn sections 9 (limits and large messages: RFC 6455 §10.4, close 1009), 10
 * (auto-fragmentation: the server splits what it sends, the client reassembles, RFC 6455 §5.4),
 * 12 and 13 (permessage-deflate, RFC 7692: round trips, offers, a decompression bomb).
 */
final class LimitsAndCompressionCases {
    private static final int MIB = 1024 * 1024;
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final int PROTOCOL_ERROR = 1002;
    private static final String DEFLATE = "permessage-deflate";

    private LimitsAndCompressionCases() {
    }

    static List<ServerCase> all() {
        List<ServerCase> cases = new ArrayList<>();
        limits(cases);
        autoFragmentation(cases);
        compression(cases);
        offers(cases);
        return cases;
    }

    /** Section 9: the echo server's limits are 16 MiB per frame and per message. */
    private static void limits(List<ServerCase> cases) {
        byte[] oneMib = Payloads.prose(MIB, 9);
        cases.add(row("9.1.1", "text 1 MiB").send(text(oneMib)).expect(text(oneMib)).build());
        cases.add(row("9.1.2", "binary 4 MiB").send(binary(Payloads.noise(4 * MIB, 9))).expect(binary(Payloads.noise(4 * MIB, 9))).build());
        byte[] fourMib = Payloads.text(4 * MIB);
        cases.add(row("9.2.1", "text 4 MiB in 64 fragments of 64 KiB").send(FramingCases.fragments(fourMib, 64 * 1024))
                .expect(text(fourMib)).build());
        cases.add(row("9.2.2", "binary 1 MiB in 1024 fragments of 1 KiB, in writes of 4000 bytes")
                .sendChopped(4000, binaryFragments(Payloads.binary(MIB), 1024)).expect(binary(Payloads.binary(MIB))).build());
        byte[] tooBig = Arrays.copyOf(LargePayloads.BINARY_16_MIB, LargePayloads.SIXTEEN_MIB + 1);
        cases.add(row("9.3.1", "binary frame of 16 MiB + 1 (frame limit 16 MiB)").send(binary(tooBig)).expectClose(MESSAGE_TOO_BIG).build());
        byte[] half = Payloads.binary(8 * MIB);
        cases.add(row("9.3.2", "binary message of 8 MiB + 8 MiB + 1 in 3 frames (message limit 16 MiB)")
                .send(binary(half).notFinal(), Frame.continuation(half).notFinal(), Frame.continuation(new byte[1]))
                .expectClose(MESSAGE_TOO_BIG).build());
        cases.add(row("9.3.3", "text frame header announcing 2^31 bytes: closed at the header")
                .sendBytes(Arrays.copyOf(header(Frame.TEXT, 1L << 31), 14)).expectClose(MESSAGE_TOO_BIG).build());
    }

    /** A masked client frame header announcing {@code length} bytes, the payload not included. */
    private static byte[] header(int opcode, long length) {
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(14);
        h.put((byte) (0x80 | opcode)).put((byte) (0x80 | 127)).putLong(length).put(new byte[] {1, 2, 3, 4});
        return h.array();
    }

    private static Frame[] binaryFragments(byte[] message, int size) {
        Frame[] frames = FramingCases.fragments(message, size);
        frames[0] = Frame.binary(frames[0].payload).fin(frames.length == 1);
        return frames;
    }

    /** Section 10: the server is configured to send frames of at most {@link Transport#FRAGMENT_SIZE} bytes. */
    private static void autoFragmentation(List<ServerCase> cases) {
        int max = Transport.FRAGMENT_SIZE;
        byte[] text64k = Payloads.prose(65536, 10);
        cases.add(fragmenting("10.1.1", "text 64 KiB comes back in frames of at most " + max)
                .send(text(text64k)).expectMessage(Frame.TEXT, text64k, max).build());
        byte[] bin = Payloads.noise(5000, 10);
        cases.add(fragmenting("10.1.2", "binary 5000 comes back in frames of at most " + max)
                .send(binary(bin)).expectMessage(Frame.BINARY, bin, max).build());
        cases.add(fragmenting("10.1.3", "text of exactly " + max + " bytes comes back in one frame")
                .send(text(Payloads.text(max))).expect(text(Payloads.text(max))).build());
        byte[] multibyte = Payloads.prose(3 * max + 7, 11);
        cases.add(fragmenting("10.1.4", "text with multi-byte characters across frame boundaries")
                .send(text(multibyte)).expectMessage(Frame.TEXT, multibyte, max).build());
        cases.add(fragmenting("10.1.5", "ping 125 answered by one pong (control frames are never fragmented)")
                .send(ping(Payloads.binary(125))).expect(pong(Payloads.binary(125))).build());
    }

    private static ServerCase.Builder fragmenting(String id, String title) {
        return row(id, title).target(ServerCase.Target.FRAGMENTING_ECHO);
    }

    /** Section 12: permessage-deflate with the default offer, so both sides keep their context. */
    private static void compression(List<ServerCase> cases) {
        int[] sizes = {16, 64, 256, 1024, 4096, 32768, 131072, MIB};
        for (int i = 0; i < sizes.length; i++) {
            int count = sizes[i] >= 131072 ? 3 : 10;
            cases.add(row("12.1." + (i + 1), count + " compressed text messages of " + sizes[i] + " bytes").offer(DEFLATE)
                    .step("permessage-deflate agreed", agreed(DEFLATE::equals))
                    .step("each echoed, inflated equal", roundTrips(Frame.TEXT, count, sizes[i], true)).build());
        }
        for (int i = 0; i < 4; i++) {
            int size = 64 << (3 * i);
            cases.add(row("12.2." + (i + 1), "10 compressed binary messages of " + size + " bytes").offer(DEFLATE)
                    .step("permessage-deflate agreed", agreed(DEFLATE::equals))
                    .step("each echoed, inflated equal", roundTrips(Frame.BINARY, 10, size, true)).build());
        }
        cases.add(row("12.3.1", "uncompressed messages on a compressing connection").offer(DEFLATE)
                .step("permessage-deflate agreed", agreed(DEFLATE::equals))
                .step("each echoed", roundTrips(Frame.TEXT, 5, 1000, false)).build());
        cases.add(row("12.3.2", "a compressed message in 3 fragments, RSV1 on the first only").offer(DEFLATE)
                .step("echoed, inflated equal", run -> {
                    byte[] message = Payloads.prose(3000, 12);
                    byte[] z = run.deflate.compress(message);
                    int third = z.length / 3;
                    run.send(Frame.concat(text(Arrays.copyOf(z, third)).notFinal().rsv(Frame.RSV1).masked(),
                            continuation(Arrays.copyOfRange(z, third, 2 * third)).notFinal().masked(),
                            continuation(Arrays.copyOfRange(z, 2 * third, z.length)).masked()), Integer.MAX_VALUE);
                    expectInflatedEcho(run, Frame.TEXT, message);
                }).build());
        cases.add(row("12.4.1", "RSV1 on a continuation frame (RFC 7692 §6.1)").offer(DEFLATE)
                .send(text("abc").notFinal(), continuation("def").rsv(Frame.RSV1)).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("12.4.2", "RSV1 on a ping (RFC 7692 §6.1)").offer(DEFLATE)
                .send(ping("x").rsv(Frame.RSV1)).expectClose(PROTOCOL_ERROR).build());
        cases.add(row("12.5.1", "decompression bomb: 17 MiB of zeros in a 17 KB frame (message limit 16 MiB)").offer(DEFLATE)
                .step(null, run -> run.send(binary(run.deflate.compress(new byte[17 * MIB])).rsv(Frame.RSV1).masked(), Integer.MAX_VALUE))
                .expectClose(MESSAGE_TOO_BIG).build());
        cases.add(row("12.5.2", "16 MiB of zeros compressed: exactly at the limit, echoed").offer(DEFLATE)
                .step("echoed, inflated equal", run -> {
                    run.send(binary(run.deflate.compress(new byte[16 * MIB])).rsv(Frame.RSV1).masked(), Integer.MAX_VALUE);
                    expectInflatedEcho(run, Frame.BINARY, new byte[16 * MIB]);
                }).build());
    }

    /** Section 13: what a server does with each kind of offer (RFC 7692 §7.1). */
    private static void offers(List<ServerCase> cases) {
        String[][] rows = {
            {DEFLATE + "; client_no_context_takeover", "agreed", "client_no_context_takeover"},
            {DEFLATE + "; server_no_context_takeover", "agreed, answering server_no_context_takeover (§7.1.1.1)", "server_no_context_takeover"},
            {DEFLATE + "; client_no_context_takeover; server_no_context_takeover", "agreed with both", "server_no_context_takeover"},
            {DEFLATE + "; client_max_window_bits; client_no_context_takeover", "agreed", ""},
            {DEFLATE + "; server_max_window_bits=10", "declined, or answered with server_max_window_bits <= 10 (§7.1.2.1)", "window<=10"},
            {DEFLATE + "; server_max_window_bits=10, " + DEFLATE, "the second offer, or the first with server_max_window_bits <= 10", "second or window<=10"},
            {DEFLATE + "; foo=1", "declined: unknown parameter (§7.1)", "declined"},
            {DEFLATE + "; server_no_context_takeover=1", "declined: server_no_context_takeover takes no value (§7.1.1.1)", "declined"},
            {DEFLATE + "; client_no_context_takeover; client_no_context_takeover", "declined: parameter given twice (§7.1)", "declined"},
            {DEFLATE + "; server_max_window_bits=7", "declined: 7 is not a valid window (§7.1.2.1)", "declined"},
        };
        for (int i = 0; i < rows.length; i++) {
            String offer = rows[i][0];
            String rule = rows[i][2];
            Predicate<String> answer = answer(rule);
            cases.add(row("13." + (i + 1), "offer \"" + offer + "\": " + rows[i][1]).offer(offer)
                    .step("Sec-WebSocket-Extensions: " + rows[i][1], agreedOrDeclined(answer))
                    .step("messages of 16 to 8192 bytes echoed", run -> {
                        for (int size = 16; size <= 8192; size *= 8) {
                            roundTrips(Frame.TEXT, 4, size, true).run(run);
                        }
                    }).build());
        }
    }

    /** What the server's answer (lower case; {@code null} when declined) must satisfy for a rule. */
    private static Predicate<String> answer(String rule) {
        switch (rule) {
            case "declined":
                return a -> a == null;
            case "window<=10":
                return a -> a == null || windowAtMost(a, 10);
            case "second or window<=10":
                return a -> a == null || a.equals(DEFLATE) || windowAtMost(a, 10);
            case "":
                return a -> a != null && a.startsWith(DEFLATE);
            default:
                return a -> a != null && a.startsWith(DEFLATE) && a.contains(rule);
        }
    }

    private static boolean windowAtMost(String answer, int bits) {
        int at = answer.indexOf("server_max_window_bits=");
        if (at < 0) {
            return false;
        }
        String value = answer.substring(at + "server_max_window_bits=".length()).split("[;,\\s]")[0].replace("\"", "");
        return Integer.parseInt(value) <= bits;
    }

    private static ServerCase.Step agreed(Predicate<String> answer) {
        return agreedOrDeclined(a -> a != null && answer.test(a));
    }

    private static ServerCase.Step agreedOrDeclined(Predicate<String> answer) {
        return run -> {
            String got = ServerCaseRunner.header(run.head, "sec-websocket-extensions");
            String normalized = got == null ? null : got.toLowerCase(Locale.ROOT).trim();
            if (!answer.test(normalized)) {
                throw new CaseRun.Mismatch("an answer that fits the offer", got == null ? "no Sec-WebSocket-Extensions" : "Sec-WebSocket-Extensions: " + got);
            }
        };
    }

    /**
     * {@code count} messages sent one by one, compressed when agreed and {@code compress}, each
     * echoed: inflated when the server set RSV1, byte-equal either way.
     */
    private static ServerCase.Step roundTrips(int opcode, int count, int size, boolean compress) {
        return run -> {
            for (int i = 0; i < count; i++) {
                byte[] message = opcode == Frame.TEXT ? Payloads.prose(size, size + i) : Payloads.prose(size, i);
                boolean compressed = compress && run.deflate != null;
                Frame f = Frame.of(opcode, compressed ? run.deflate.compress(message) : message).rsv(compressed ? Frame.RSV1 : 0);
                run.send(f.masked(), Integer.MAX_VALUE);
                expectInflatedEcho(run, opcode, message);
            }
        };
    }

    /** One message back; RSV1 on its first frame only, and only when compression was agreed. */
    static void expectInflatedEcho(CaseRun run, int opcode, byte[] message) throws Exception {
        String expected = WireFrame.opcodeName(opcode) + " message len=" + message.length + " (compressed or not)";
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        boolean compressed = false;
        for (int frames = 0; ; frames++) {
            WireFrame f = run.nextFrame(expected);
            boolean rsv1 = (f.rsvBits & Frame.RSV1) != 0;
            boolean rsv1Allowed = frames == 0 && run.deflate != null;
            if (f.opcode != (frames == 0 ? opcode : Frame.CONTINUATION) || (f.rsvBits & ~Frame.RSV1) != 0 || (rsv1 && !rsv1Allowed)) {
                throw new CaseRun.Mismatch(expected, "frame " + (frames + 1) + ": " + f);
            }
            compressed |= rsv1;
            payload.writeBytes(f.payload);
            if (f.fin) {
                break;
            }
        }
        byte[] got = compressed ? run.deflate.inflate(payload.toByteArray()) : payload.toByteArray();
        if (!Arrays.equals(got, message)) {
            throw new CaseRun.Mismatch(expected, (compressed ? "compressed " : "") + "message inflating to " + got.length + " other bytes");
        }
    }
}
