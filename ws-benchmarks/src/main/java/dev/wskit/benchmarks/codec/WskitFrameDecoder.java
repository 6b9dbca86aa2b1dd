package dev.wskit.benchmarks.codec;

import dev.wskit.protocol.Role;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.frame.FrameDecoder;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.text.Utf8Validator;
import java.nio.ByteBuffer;

/**
 * wskit's streaming decode path without the engine around it: {@link FrameDecoder} unmasking
 * each payload in place, and {@link Utf8Validator} checking text as it streams (RFC 6455 §8.1).
 * That is what every data frame costs before the engine delivers it; the engine then adds its
 * message bookkeeping and a view of the payload per delivery.
 *
 * <p>A payload is handed on as its range in the read buffer rather than as a view, so nothing
 * here is allocated per frame, which {@code -prof gc} on {@link DecodeBenchmark#wskitFrames}
 * confirms. The fixture holds single-frame data messages only; anything else is refused, so a
 * broken fixture cannot pass for a fast decoder.
 */
final class WskitFrameDecoder {
    /** Takes one payload piece: {@code in}'s bytes at {@code [from, to)}, valid during the call. */
    @FunctionalInterface
    interface PayloadSink {
        void payload(boolean text, ByteBuffer in, int from, int to);
    }

    private final FrameDecoder decoder = new FrameDecoder(Role.SERVER, WebSocketConfig.defaults().maxFramePayload());
    private final Utf8Validator utf8 = new Utf8Validator();
    private final PayloadSink sink;

    WskitFrameDecoder(PayloadSink sink) {
        this.sink = sink;
    }

    /** Decodes all of {@code in}, unmasking it in place. */
    void decode(ByteBuffer in) {
        while (true) {
            switch (decoder.next(in)) {
                case NEED_MORE:
                    return;
                case HEADER:
                    checkSingleFrameDataMessage();
                    utf8.reset();
                    break;
                case PAYLOAD:
                    boolean text = decoder.opcode() == Opcode.TEXT;
                    if (text && !utf8.feed(in, decoder.chunkStart(), decoder.chunkEnd())) {
                        throw new IllegalStateException("invalid UTF-8 in the fixture");
                    }
                    sink.payload(text, in, decoder.chunkStart(), decoder.chunkEnd());
                    break;
                case FRAME_END:
                    if (decoder.opcode() == Opcode.TEXT && !utf8.isComplete()) {
                        throw new IllegalStateException("text in the fixture ends inside a character");
                    }
                    break;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    private void checkSingleFrameDataMessage() {
        int opcode = decoder.opcode();
        if (!decoder.fin() || (opcode != Opcode.TEXT && opcode != Opcode.BINARY)) {
            throw new IllegalStateException("expected single-frame data messages, got " + Opcode.name(opcode));
        }
    }
}
