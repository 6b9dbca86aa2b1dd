package consumer;

import dev.wskit.protocol.Role;
import dev.wskit.protocol.frame.FrameDecoder;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.Opcode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * ws-protocol as a codec and nothing else: a client's masked text frame is encoded, then decoded
 * as a server reads it, one byte at a time, with no socket and no transport on the class path.
 */
public final class CodecCheck {
    public static void main(String[] args) {
        String sent = "a frame with no socket";
        ByteBuffer frame = new FrameEncoder(Role.CLIENT, new SecureRandom())
                .encode(true, 0, Opcode.TEXT, ByteBuffer.wrap(sent.getBytes(StandardCharsets.UTF_8)));

        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20);
        ByteBuffer payload = ByteBuffer.allocate(frame.remaining());
        boolean ended = false;
        while (frame.hasRemaining() && !ended) {
            // One byte per call: the decoder takes any split of the stream.
            ByteBuffer oneByte = frame.slice(frame.position(), 1);
            frame.position(frame.position() + 1);
            FrameDecoder.Step step;
            while ((step = decoder.next(oneByte)) != FrameDecoder.Step.NEED_MORE) {
                if (step == FrameDecoder.Step.HEADER && (decoder.opcode() != Opcode.TEXT || !decoder.fin() || !decoder.masked())) {
                    throw new AssertionError("header: opcode " + decoder.opcode() + ", fin " + decoder.fin() + ", masked " + decoder.masked());
                } else if (step == FrameDecoder.Step.PAYLOAD) {
                    payload.put(oneByte.duplicate().position(decoder.chunkStart()).limit(decoder.chunkEnd()));
                } else if (step == FrameDecoder.Step.FRAME_END) {
                    ended = true;
                    break;
                }
            }
        }
        String received = new String(payload.array(), 0, payload.position(), StandardCharsets.UTF_8);
        if (!ended || !received.equals(sent)) {
            throw new AssertionError("encoded \"" + sent + "\", decoded \"" + received + "\" (frame ended: " + ended + ")");
        }
        System.out.println("decoded: " + received);
    }
}
