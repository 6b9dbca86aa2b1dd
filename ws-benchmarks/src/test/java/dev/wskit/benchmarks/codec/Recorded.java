package dev.wskit.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Sinks that keep copies of what a decoder or encoder under test handed on. */
final class Recorded {
    /** One frame as a sink saw it. */
    record Frame(boolean text, String hex) {
        static Frame of(boolean text, byte[] payload) {
            return new Frame(text, HexFormat.of().formatHex(payload));
        }
    }

    final List<Frame> frames = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    FrameSink<ByteBuffer> wskit() {
        return (text, payload) -> record(text, copy(payload));
    }

    WskitFrameDecoder.PayloadSink wskitFrames() {
        return (text, in, from, to) -> {
            byte[] copy = new byte[to - from];
            in.get(from, copy);
            record(text, copy);
        };
    }

    FrameSink<ByteBuf> netty() {
        return (text, payload) -> {
            byte[] copy = new byte[payload.readableBytes()];
            payload.getBytes(payload.readerIndex(), copy);
            record(text, copy);
        };
    }

    /** Everything recorded so far, taken. */
    List<Frame> takeFrames() {
        List<Frame> taken = List.copyOf(frames);
        frames.clear();
        bytes.reset();
        return taken;
    }

    /** All bytes recorded so far, concatenated, taken. */
    byte[] takeBytes() {
        byte[] taken = bytes.toByteArray();
        frames.clear();
        bytes.reset();
        return taken;
    }

    private void record(boolean text, byte[] payload) {
        frames.add(Frame.of(text, payload));
        bytes.writeBytes(payload);
    }

    private static byte[] copy(ByteBuffer view) {
        byte[] copy = new byte[view.remaining()];
        view.duplicate().get(copy);
        return copy;
    }
}
