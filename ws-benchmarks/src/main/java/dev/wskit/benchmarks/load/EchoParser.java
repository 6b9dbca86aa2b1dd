package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * Parses the echoes coming back on one connection, incrementally (a frame may end anywhere in a
 * read), and checks each one byte for byte against the message sent: FIN set, no RSV bits, the
 * opcode and length sent, the sequence number expected next (echoes come back in order), and the
 * fill. It keeps no reference to the buffers it is given, so one read buffer serves every
 * connection of a thread.
 *
 * <p>A WebSocket server's echo is unmasked (RFC 6455 §5.1); a raw TCP echo returns our masked
 * frames unchanged, and is then checked against the masked bytes ({@code masked = true}).
 * Anything else, including a ping or a close from the server, is a {@link EchoMismatch}.
 */
public final class EchoParser implements EchoReader {
    /** Told of each echo once its last byte has been checked. */
    public interface Listener {
        void onEcho(long sequence);
    }

    private final MessageTemplate template;
    private final boolean masked;
    private final ByteBuffer expected;
    private final Listener listener;
    private final FrameHeader header = new FrameHeader();
    private long payloadRemaining = -1; // -1: reading a header
    private int payloadOffset;
    private long sequence;

    public EchoParser(MessageTemplate template, boolean masked, Listener listener) {
        this.template = template;
        this.masked = masked;
        this.expected = ByteBuffer.wrap(template.expectedPayload(masked));
        this.listener = listener;
    }

    /** Consumes all of {@code in}, calling the listener for every echo completed. */
    @Override
    public void consume(ByteBuffer in) {
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
        checkHeader();
        payloadRemaining = template.payloadLength();
        payloadOffset = 0;
        header.clear();
        if (payloadRemaining == 0) {
            completed();
        }
    }

    private void checkHeader() {
        int first = header.first();
        if (first != (0x80 | template.opcode())) {
            throw new EchoMismatch(String.format("echo %d: first header byte 0x%02x, expected FIN and opcode %d",
                    sequence, first, template.opcode()));
        }
        if (header.masked() != masked) {
            throw new EchoMismatch("echo " + sequence + ": mask bit " + header.masked() + ", expected " + masked);
        }
        long length = header.payloadLength();
        if (length != template.payloadLength()) {
            throw new EchoMismatch("echo " + sequence + ": payload length " + length + ", expected " + template.payloadLength());
        }
        if (masked && !header.maskedWith(MessageTemplate.MASKING_KEY)) {
            throw new EchoMismatch("echo " + sequence + ": masking key differs");
        }
    }

    private void readPayload(ByteBuffer in) {
        int n = (int) Math.min(in.remaining(), payloadRemaining);
        int start = in.position();
        int i = 0;
        // The sequence number first, byte by byte (at most 8); then the fill, compared in bulk.
        for (; i < n && payloadOffset + i < MessageTemplate.SEQUENCE_BYTES; i++) {
            int at = payloadOffset + i;
            byte want = MessageTemplate.sequenceByte(sequence, at);
            if (masked) {
                want ^= MessageTemplate.MASKING_KEY[at & 3];
            }
            if (in.get(start + i) != want) {
                throw new EchoMismatch("echo out of order or corrupt: expected sequence " + sequence);
            }
        }
        if (i < n) {
            compareFill(in, start + i, payloadOffset + i, n - i);
        }
        in.position(start + n);
        payloadOffset += n;
        payloadRemaining -= n;
        if (payloadRemaining == 0) {
            completed();
        }
    }

    private void compareFill(ByteBuffer in, int inAt, int payloadAt, int length) {
        ByteBuffer received = in.duplicate();
        received.limit(inAt + length).position(inAt);
        expected.limit(payloadAt + length).position(payloadAt);
        int mismatch = received.mismatch(expected);
        if (mismatch >= 0) {
            throw new EchoMismatch("echo " + sequence + ": payload differs at byte " + (payloadAt + mismatch));
        }
    }

    private void completed() {
        payloadRemaining = -1;
        listener.onEcho(sequence++);
    }
}
