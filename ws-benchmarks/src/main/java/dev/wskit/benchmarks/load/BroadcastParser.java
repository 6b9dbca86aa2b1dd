package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * Parses the messages one subscriber receives, incrementally (a frame may end anywhere in a
 * read), and checks each frame: FIN set, text, no RSV bits, unmasked (RFC 6455 §5.1), the
 * run's size, and the fill after the sequence number and time. Keeps no reference to the buffers
 * it is given. Anything else (a ping, a close, a fragment) is an {@link EchoMismatch}. From a raw
 * TCP fan-out ({@code masked = true}) the frames are the publisher's, still masked with its key:
 * they are checked so, the sequence number and time unmasked to be read.
 */
final class BroadcastParser {
    /** Told of each message once its last byte has been checked. */
    interface Listener {
        /** @param sequence the message's, or {@link BroadcastMessages#HELLO} */
        void onMessage(long sequence, long sentNanos);
    }

    private final BroadcastMessages messages;
    private final boolean masked;
    private final ByteBuffer expected;
    private final Listener listener;
    private final FrameHeader header = new FrameHeader();
    private final byte[] lead = new byte[BroadcastMessages.LEAD_BYTES];
    private int payloadRemaining = -1; // -1: reading a header
    private int payloadOffset;

    BroadcastParser(BroadcastMessages messages, boolean masked, Listener listener) {
        this.messages = messages;
        this.masked = masked;
        this.expected = ByteBuffer.wrap(messages.payload(masked));
        this.listener = listener;
    }

    void consume(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (payloadRemaining < 0) {
                readHeader(in);
            } else {
                readPayload(in);
            }
        }
    }

    private void readHeader(ByteBuffer in) {
        if (!header.read(in)) {
            return;
        }
        int first = header.first();
        if (first != 0x81) {
            throw new EchoMismatch(String.format("broadcast frame with first header byte 0x%02x, expected FIN and text", first));
        }
        if (header.masked() != masked) {
            throw new EchoMismatch(masked ? "broadcast frame not masked, expected the publisher's frame" : "broadcast frame masked by the server");
        }
        if (masked && !header.maskedWith(MessageTemplate.MASKING_KEY)) {
            throw new EchoMismatch("broadcast frame with another masking key than the publisher's");
        }
        long length = header.payloadLength();
        if (length != messages.size()) {
            throw new EchoMismatch("broadcast frame of " + length + " bytes, expected " + messages.size());
        }
        payloadRemaining = messages.size();
        payloadOffset = 0;
        header.clear();
    }

    private void readPayload(ByteBuffer in) {
        int n = Math.min(in.remaining(), payloadRemaining);
        int start = in.position();
        int i = 0;
        for (; i < n && payloadOffset + i < BroadcastMessages.LEAD_BYTES; i++) {
            int at = payloadOffset + i;
            lead[at] = (byte) (in.get(start + i) ^ (masked ? MessageTemplate.MASKING_KEY[at & 3] : 0));
        }
        if (i < n) {
            ByteBuffer received = in.duplicate();
            received.limit(start + n).position(start + i);
            int at = payloadOffset + i;
            expected.limit(at + n - i).position(at);
            int mismatch = received.mismatch(expected);
            if (mismatch >= 0) {
                throw new EchoMismatch("broadcast message differs at byte " + (at + mismatch));
            }
        }
        in.position(start + n);
        payloadOffset += n;
        payloadRemaining -= n;
        if (payloadRemaining == 0) {
            payloadRemaining = -1;
            listener.onMessage(BroadcastMessages.sequence(lead), BroadcastMessages.nanos(lead));
        }
    }
}
