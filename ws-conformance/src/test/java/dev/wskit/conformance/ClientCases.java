package dev.wskit.conformance;

import static dev.wskit.conformance.ClientCase.row;
import static dev.wskit.conformance.Frame.binary;
import static dev.wskit.conformance.Frame.continuation;
import static dev.wskit.conformance.Frame.ping;
import static dev.wskit.conformance.Frame.pong;
import static dev.wskit.conformance.Frame.text;

import dev.wskit.protocol.ProtocolViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The client-side rows: the server-side sections seen from the other end (IDs prefixed
 * {@code C}), plus section C0 for the opening handshake (RFC 6455 §4.1: the client fails the
 * connection when the server's answer is wrong).
 */
final class ClientCases {
    private static final int PROTOCOL_ERROR = 1002;
    private static final int INVALID_PAYLOAD = 1007;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private ClientCases() {
    }

    static List<ClientCase> all() {
        List<ClientCase> cases = new ArrayList<>();
        handshake(cases);
        framing(cases);
        controlAndFragments(cases);
        utf8AndClose(cases);
        return cases;
    }

    private static void handshake(List<ClientCase> cases) {
        cases.add(row("C0.1", "correct 101, then a normal close").build());
        cases.add(row("C0.2", "wrong Sec-WebSocket-Accept")
                .response(accept -> ClientCase.switching("dGhlIHNhbXBsZSBub25jZQ=="))
                .connectFails(ProtocolViolation.WRONG_ACCEPT).build());
        cases.add(row("C0.3", "status 404")
                .response(accept -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                .connectFails(ProtocolViolation.STATUS_NOT_101).build());
        // With a length: a body without one lasts until the server closes (RFC 9112 §6.3), and the
        // client reads it, within the handshake timeout, to report the refusal whole.
        cases.add(row("C0.4", "status 200 with the WebSocket headers")
                .response(accept -> ClientCase.switching(accept).replace("101 Switching Protocols", "200 OK")
                        .replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n"))
                .connectFails(ProtocolViolation.STATUS_NOT_101).build());
        cases.add(row("C0.5", "101 without Upgrade: websocket")
                .response(accept -> ClientCase.switching(accept).replace("Upgrade: websocket\r\n", ""))
                .connectFails(ProtocolViolation.RESPONSE_MISSING_UPGRADE).build());
        cases.add(row("C0.6", "101 without Connection: Upgrade")
                .response(accept -> ClientCase.switching(accept).replace("Connection: Upgrade\r\n", ""))
                .connectFails(ProtocolViolation.RESPONSE_MISSING_CONNECTION).build());
        cases.add(row("C0.7", "101 with an extension that was not offered")
                .response(accept -> ClientCase.switching(accept).replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"))
                .connectFails(ProtocolViolation.UNREQUESTED_EXTENSION).build());
        cases.add(row("C0.8", "101 with a subprotocol that was not offered")
                .response(accept -> ClientCase.switching(accept).replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: chat\r\n\r\n"))
                .connectFails(ProtocolViolation.UNREQUESTED_SUBPROTOCOL).build());
        cases.add(row("C0.9", "the server closes in the middle of the response head")
                .response(accept -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n")
                .step(null, run -> run.wire.socket.shutdownOutput())
                .connectFails(ProtocolViolation.HANDSHAKE_INCOMPLETE).build());
        cases.add(row("C0.10", "101 and a first text frame in the same write")
                .response(accept -> ClientCase.switching(accept) + RawConnection.ascii(text("Hello").unmasked()))
                .expect(text("Hello")).build());
    }

    private static void framing(List<ClientCase> cases) {
        int n = 1;
        for (int length : FramingCases.LENGTHS) {
            Frame t = text(Payloads.text(length));
            cases.add(row("C1.1." + n, "text, payload " + length).send(t).expect(t).build());
            Frame b = binary(Payloads.binary(length));
            cases.add(row("C1.2." + n++, "binary, payload " + length).send(b).expect(b).build());
        }
        Frame t126 = text(Payloads.text(126));
        cases.add(row("C1.1." + n, "text, payload 126 in 1-byte writes").sendChopped(1, t126).expect(t126).build());
        Frame b65536 = binary(Payloads.binary(65536));
        cases.add(row("C1.2." + n++, "binary, payload 65536 in writes of 997 bytes").sendChopped(997, b65536).expect(b65536).build());
        Frame huge = binary(LargePayloads.BINARY_16_MIB);
        cases.add(row("C1.2." + n, "binary, payload 16 MiB").send(huge).expect(huge).build());
        cases.add(row("C1.3.1", "a masked text frame from the server (§5.1)")
                .sendMasked(text("Hello")).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C1.3.2", "a masked ping from the server (§5.1)")
                .sendMasked(ping("Hello")).expectFailure(PROTOCOL_ERROR).build());
    }

    private static void controlAndFragments(List<ClientCase> cases) {
        cases.add(row("C2.1", "ping with payload: a masked pong with the same payload")
                .send(ping("Hello, world!")).expect(pong(Frame.utf8("Hello, world!"))).build());
        cases.add(row("C2.2", "ping, payload 125, in 1-byte writes")
                .sendChopped(1, ping(Payloads.binary(125))).expect(pong(Payloads.binary(125))).build());
        cases.add(row("C2.3", "ping, payload 126 (§5.5)").send(ping(Payloads.binary(126))).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C2.4", "unsolicited pong: no answer").send(pong(Frame.utf8("unsolicited"))).build());
        cases.add(row("C3.1", "text with RSV1, no extension agreed").send(text("Hello").rsv(Frame.RSV1)).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C3.2", "text, then binary with RSV2+RSV3")
                .send(text("Hello"), binary(new byte[3]).rsv(Frame.RSV2 | Frame.RSV3))
                .expect(text("Hello")).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C4.1", "reserved data opcode 3").send(Frame.of(3, new byte[0])).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C4.2", "reserved control opcode 11").send(Frame.of(11, new byte[0])).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C5.1", "text in 3 fragments, a ping after each of the first two, each pong awaited")
                .send(text("frag1").notFinal(), ping("p1")).expect(pong(Frame.utf8("p1")))
                .send(continuation("frag2").notFinal(), ping("p2")).expect(pong(Frame.utf8("p2")))
                .send(continuation("frag3")).expect(text("frag1frag2frag3")).build());
        cases.add(row("C5.2", "binary in 3 fragments with a ping and an unsolicited pong between, in 1-byte writes")
                .sendChopped(1, binary(new byte[] {1}).notFinal(), ping("p"), Frame.continuation(new byte[] {2}).notFinal(),
                        pong(Frame.utf8("u")), Frame.continuation(new byte[] {3}))
                .expect(pong(Frame.utf8("p")), binary(new byte[] {1, 2, 3})).build());
        cases.add(row("C5.3", "continuation with no message started")
                .send(continuation("fragment")).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C5.4", "ping in 2 fragments").send(ping("a").notFinal(), continuation("b")).expectFailure(PROTOCOL_ERROR).build());
        cases.add(row("C5.5", "text fragment, then a new text frame inside the message")
                .send(text("a").notFinal(), text("b")).expectFailure(PROTOCOL_ERROR).build());
    }

    private static void utf8AndClose(List<ClientCase> cases) {
        byte[] hello = Frame.utf8("Hello-µ@ßöäüàá-UTF-8!!");
        ClientCase.Builder everySplit = row("C6.1", "valid UTF-8 in 2 fragments, split at each of " + (hello.length + 1) + " positions");
        for (int at = 0; at <= hello.length; at++) {
            everySplit.send(text(Arrays.copyOf(hello, at)).notFinal(), continuation(Arrays.copyOfRange(hello, at, hello.length)))
                    .expect(text(hello));
        }
        cases.add(everySplit.build());
        String[] invalid = {"c0 af", "ed a0 80", "f4 90 80 80", "ff", "e0 a0"};
        for (int i = 0; i < invalid.length; i++) {
            cases.add(row("C6.2." + (i + 1), "invalid UTF-8 " + invalid[i])
                    .send(text(Frame.concat(Frame.utf8("ab"), HEX.parseHex(invalid[i])))).expectFailure(INVALID_PAYLOAD).build());
        }
        cases.add(row("C6.3", "invalid UTF-8 in the second of 2 fragments")
                .send(text("ab").notFinal(), continuation(HEX.parseHex("ed a0 80"))).expectFailure(INVALID_PAYLOAD).build());
        byte[] payload = Frame.concat(Frame.utf8("κόσμε"), HEX.parseHex("f4 90 80 80"), Frame.utf8("edited"));
        byte[] frame = text(payload).unmasked();
        int cut = frame.length - payload.length + Frame.utf8("κόσμε").length + 2;
        cases.add(row("C6.4", "fail fast: the close comes before the rest of the frame is sent")
                .sendBytes(Arrays.copyOf(frame, cut))
                .step("close " + INVALID_PAYLOAD + " before the rest", run -> run.expectCloseFrame(INVALID_PAYLOAD))
                .sendBytes(Arrays.copyOfRange(frame, cut, frame.length))
                .step("then TCP close by the client", run -> run.expectEnd("TCP close", "after the close"))
                .expectFailureReported(INVALID_PAYLOAD).build());
        cases.add(row("C7.1", "close 1000 from the server").send(Frame.close(1000)).expectCloseReply(1000, 1000).build());
        cases.add(row("C7.2", "close 3000 with a reason: the code is echoed")
                .send(Frame.close(3000, "bye")).expectCloseReply(3000, 3000).build());
        cases.add(row("C7.3", "close without payload: close back, with no code or 1000")
                .send(Frame.of(Frame.CLOSE, new byte[0])).expectCloseReply(1005, CaseRun.EMPTY_CLOSE, 1000).build());
        cases.add(row("C7.4", "close with a 1-byte payload").send(Frame.of(Frame.CLOSE, new byte[] {3})).expectFailure(PROTOCOL_ERROR).build());
        int[] badCodes = {999, 1005, 1006, 1016, 5000};
        for (int i = 0; i < badCodes.length; i++) {
            cases.add(row("C7.5." + (i + 1), "close with invalid code " + badCodes[i])
                    .send(Frame.close(badCodes[i])).expectFailure(PROTOCOL_ERROR).build());
        }
        cases.add(row("C7.6", "close with a reason that is not UTF-8")
                .send(Frame.close(1000, HEX.parseHex("ed a0 80"))).expectFailure(INVALID_PAYLOAD).build());
        cases.add(row("C7.7", "close, then a text frame: the text is ignored")
                .send(Frame.close(1000), text("after close")).expectCloseReply(1000, 1000).build());
    }
}
