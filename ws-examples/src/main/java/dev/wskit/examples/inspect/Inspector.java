package dev.wskit.examples.inspect;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.frame.FrameDecoder;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.handshake.AcceptKey;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpResponse;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Replays one direction of a recorded WebSocket connection through the engine, with no socket:
 * every frame as the wire has it, the messages the receiver would get, and the first broken rule
 * with the answer a strict peer sends. The engine judges; the listing only describes.
 */
final class Inspector implements WebSocketHandler {
    /** A capture replays with no time passing: no deadline of the engine ever falls due. */
    private static final LongSupplier REPLAY_CLOCK = () -> 0L;
    private static final int PREVIEW = 48;
    private static final String SYNTHETIC_REQUEST = "GET / HTTP/1.1\r\nHost: capture\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\n";

    private final Role sender;
    private final boolean assumeDeflate;
    private final PrintStream out;
    private WebSocketException violation;
    private int messages;

    /**
     * @param sender        who wrote the bytes: the receiver, whose rules apply, is the other side
     * @param assumeDeflate treat the capture as permessage-deflate even without a handshake saying so
     */
    Inspector(Role sender, boolean assumeDeflate, PrintStream out) {
        this.sender = sender;
        this.assumeDeflate = assumeDeflate;
        this.out = out;
    }

    /** Returns 0 when the capture breaks no rule, 1 when it does. */
    int inspect(byte[] capture) {
        ByteBuffer rest = ByteBuffer.wrap(capture);
        WebSocketEngine receiver = sender == Role.CLIENT ? serverFor(rest) : clientFor(rest);
        if (receiver.socket().state() == ConnectionState.OPEN) {
            listFrames(capture, rest.position(), receiver);
        }
        if (violation == null) {
            out.printf("end of capture: %d message(s), no broken rule%n", messages);
            return 0;
        }
        return 1;
    }

    /** The capture was written by a client: a server engine judges it, from its own request if recorded. */
    private WebSocketEngine serverFor(ByteBuffer capture) {
        boolean recorded = startsWith(capture, "GET ");
        RecordedHead head = recorded ? RecordedHead.read(capture) : null;
        if (recorded && head == null) {
            return judgedAsRecorded(WebSocketEngine.server(config(assumeDeflate), this, REPLAY_CLOCK), capture);
        }
        boolean deflate = assumeDeflate;
        if (recorded) {
            out.printf("handshake: %s%n", head.startLine());
            deflate |= head.headers().values("Sec-WebSocket-Extensions").stream().anyMatch(e -> e.startsWith("permessage-deflate"));
        }
        WebSocketEngine server = WebSocketEngine.server(config(deflate), this, REPLAY_CLOCK);
        String synthetic = SYNTHETIC_REQUEST + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") + "\r\n";
        server.receive(recorded ? head.bytes() : ByteBuffer.wrap(synthetic.getBytes(StandardCharsets.US_ASCII)));
        if (deflate && recorded) {
            out.println("  assuming the server accepted permessage-deflate");
        }
        return server;
    }

    /**
     * The capture was written by a server: a client engine judges it. The recorded response
     * answered a key we never saw, so the engine reads it with the accept value its own key needs;
     * when none was recorded, it gets a 101 agreeing to what the frames assume.
     */
    private WebSocketEngine clientFor(ByteBuffer capture) {
        boolean recorded = startsWith(capture, "HTTP/");
        RecordedHead head = recorded ? RecordedHead.read(capture) : null;
        HttpHeaders recordedHeaders = head == null ? HttpHeaders.empty() : head.headers();
        String extensions = recordedHeaders.first("Sec-WebSocket-Extensions");
        boolean deflate = assumeDeflate || (extensions != null && extensions.startsWith("permessage-deflate"));
        String subprotocol = recordedHeaders.first("Sec-WebSocket-Protocol");
        WebSocketConfig.Builder config = config(deflate).toBuilder();
        if (subprotocol != null) {
            config.subprotocols(subprotocol);
        }
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://capture/")).build(config.build());
        WebSocketEngine client = WebSocketEngine.client(handshake, config.build(), this, REPLAY_CLOCK);
        String accept = AcceptKey.of(handshake.key());
        if (recorded && head == null) {
            return judgedAsRecorded(client, capture);
        }
        if (recorded) {
            out.printf("handshake: %s%n", head.startLine());
            client.receive(head.with("Sec-WebSocket-Accept", accept));
            return client;
        }
        HttpResponse synthetic = HttpResponse.of(101, HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Accept", accept), new byte[0]);
        if (deflate) {
            synthetic = synthetic.withHeader("Sec-WebSocket-Extensions", "permessage-deflate");
        }
        client.receive(synthetic.encode());
        return client;
    }

    /** A head cut short or unreadable: the engine reads the capture as it is and says what it answers. */
    private WebSocketEngine judgedAsRecorded(WebSocketEngine receiver, ByteBuffer capture) {
        receiver.receive(capture.duplicate());
        if (receiver.socket().state() == ConnectionState.CONNECTING) {
            out.println("end of capture inside the HTTP head");
        }
        return receiver;
    }

    /** Strict defaults, as a wskit peer would run; compression when the capture negotiated it. */
    private static WebSocketConfig config(boolean deflate) {
        return WebSocketConfig.builder()
                .perMessageDeflate(deflate ? PerMessageDeflateConfig.defaults() : null)
                .build();
    }

    /** Lists each frame, and feeds its exact bytes to the engine right after, so events follow their frame. */
    private void listFrames(byte[] capture, int from, WebSocketEngine receiver) {
        FrameDecoder decoder = new FrameDecoder(sender == Role.CLIENT ? Role.SERVER : Role.CLIENT, Integer.MAX_VALUE);
        decoder.allowReservedBits(FrameHeader.B0_RSV_BITS);
        ByteBuffer work = ByteBuffer.wrap(capture.clone(), from, capture.length - from);
        int frameStart = from;
        int frameNumber = 0;
        StringBuilder preview = new StringBuilder();
        while (violation == null && receiver.socket().state() != ConnectionState.CLOSED) {
            FrameDecoder.Step step;
            try {
                step = decoder.next(work);
            } catch (WebSocketException brokenHeader) {
                // The engine finds the same rule and says what it answers.
                receiver.receive(ByteBuffer.wrap(Arrays.copyOfRange(capture, frameStart, capture.length)));
                return;
            }
            if (step == FrameDecoder.Step.NEED_MORE) {
                if (work.position() > frameStart || frameStart < capture.length) {
                    out.printf("end of capture inside a frame at byte %d%n", frameStart);
                }
                return;
            } else if (step == FrameDecoder.Step.HEADER) {
                frameNumber++;
                preview.setLength(0);
                out.printf("#%d @%d %s%n", frameNumber, frameStart, describeHeader(decoder));
            } else if (step == FrameDecoder.Step.PAYLOAD) {
                appendPreview(preview, decoder, work.array());
            } else {
                if (preview.length() > 0) {
                    out.println("    payload: " + preview);
                }
                receiver.receive(ByteBuffer.wrap(Arrays.copyOfRange(capture, frameStart, work.position())));
                frameStart = work.position();
            }
        }
    }

    private static String describeHeader(FrameDecoder d) {
        int rsv = d.rsvBits();
        return String.format("%-12s %s rsv=%s%s%s len=%d %s", Opcode.name(d.opcode()), d.fin() ? "FIN" : "---",
                (rsv & FrameHeader.B0_RSV1) != 0 ? "1" : "-", (rsv & FrameHeader.B0_RSV2) != 0 ? "2" : "-",
                (rsv & FrameHeader.B0_RSV3) != 0 ? "3" : "-", d.payloadLength(),
                d.masked() ? String.format("masked(%08x)", d.maskingKey()) : "unmasked");
    }

    private static void appendPreview(StringBuilder preview, FrameDecoder d, byte[] unmasked) {
        int room = PREVIEW - preview.length() / 2;
        for (int i = d.chunkStart(); i < d.chunkEnd() && room > 0; i++, room--) {
            preview.append(String.format("%02x", unmasked[i]));
        }
    }

    // ---- what the receiving engine reports --------------------------------------------------

    @Override
    public void onText(WebSocket socket, String text) {
        messages++;
        String shown = text.length() > PREVIEW ? text.substring(0, PREVIEW) + "…" : text;
        out.printf("    message %d: text, %d chars: \"%s\"%n", messages, text.length(), escape(shown));
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        messages++;
        out.printf("    message %d: binary, %d bytes%n", messages, data.remaining());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        if (violation == null) {
            out.printf("    close: code %d%s%n", code, reason.isEmpty() ? "" : " reason \"" + escape(reason) + "\"");
        }
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        violation = error;
        ProtocolViolation v = error.violation();
        String answer = v.isHandshake()
                ? (v.httpStatus() > 0 ? "HTTP " + v.httpStatus() : "the connection fails")
                : v.closeCode() == 1006 ? "the connection is dropped" : "close " + v.closeCode();
        out.printf("broken rule: %s (%s): %s%n  a %s answers: %s%n", v, v.source(), error.getMessage(),
                sender == Role.CLIENT ? "server" : "client", answer);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static boolean startsWith(ByteBuffer buffer, String prefix) {
        if (buffer.remaining() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buffer.get(buffer.position() + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
