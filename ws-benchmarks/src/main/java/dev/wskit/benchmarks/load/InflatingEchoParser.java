package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks the compressed echoes coming back on one connection (RFC 7692): reads frames
 * incrementally, gathers a message's payload (a first frame of the template's opcode, any
 * continuations, RFC 6455 §5.4), and at its last frame inflates it whole, with
 * {@code 0x00 0x00 0xff 0xff} appended as §7.2.2 asks, then checks it byte for byte: the message
 * sent, with the sequence number expected next. A message with RSV1 clear was sent uncompressed,
 * which §6 allows, and is checked as it is. The decompressor keeps its context from message to
 * message, which decodes a server with or without context takeover alike.
 *
 * <p>A raw TCP echo returns our own masked frames ({@code masked = true}): they are unmasked, and
 * inflated with the context they were deflated with, so the raw echo costs the tool what a
 * WebSocket server's echo does. A control frame, RSV2 or RSV3, an unexpected opcode, a wrong
 * mask or a message that does not inflate to the one sent is an {@link EchoMismatch}.
 *
 * <p>The {@link Inflater} and both buffers are this connection's and reused; {@link #end()}
 * frees the native decompressor. Owned by one thread.
 */
final class InflatingEchoParser implements EchoReader {
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int RSV1 = 0x40;

    private final MessageTemplate template;
    private final byte[] expected;
    private final boolean masked;
    private final EchoParser.Listener listener;
    private final Inflater inflater = new Inflater(true);
    private final FrameHeader header = new FrameHeader();
    /** One message's payload, as it came (unmasked), plus room for the tail. */
    private byte[] message = new byte[1024];
    /** The inflated message, one byte longer than the one expected, to see one that is longer. */
    private final byte[] inflated;
    private int frameRemaining = -1; // -1: reading a header
    private int messageLength;
    private int frameOffset;
    private boolean inMessage;
    private boolean compressed;
    private boolean lastFrame;
    private long sequence;
    private long wireBytes;
    private long uncompressedEchoes;

    InflatingEchoParser(MessageTemplate template, boolean masked, EchoParser.Listener listener) {
        this.template = template;
        this.expected = template.expectedPayload(false);
        this.masked = masked;
        this.listener = listener;
        this.inflated = new byte[expected.length + 1];
    }

    @Override
    public void consume(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (frameRemaining < 0) {
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
        long length = header.payloadLength();
        if (messageLength + length > DeflatingWriter.bound(expected.length)) {
            // Longer than deflate makes any message of this size: refuse before buffering it.
            throw new EchoMismatch("echo " + sequence + ": " + (messageLength + length) + " payload bytes, above the message's bound");
        }
        frameRemaining = (int) length;
        frameOffset = 0;
        header.clear();
        if (messageLength + frameRemaining + DeflatingWriter.TAIL.length > message.length) {
            message = Arrays.copyOf(message, Math.max(2 * message.length, messageLength + frameRemaining + DeflatingWriter.TAIL.length));
        }
        if (frameRemaining == 0) {
            frameEnded();
        }
    }

    private void checkHeader() {
        int first = header.first();
        int opcode = first & 0x0f;
        if ((first & 0x30) != 0) {
            throw new EchoMismatch(String.format("echo %d: RSV2 or RSV3 set (0x%02x)", sequence, first));
        }
        if (!inMessage) {
            if (opcode != template.opcode()) {
                throw new EchoMismatch(String.format("echo %d: opcode %d, expected %d", sequence, opcode, template.opcode()));
            }
            compressed = (first & RSV1) != 0;
            inMessage = true;
        } else if (opcode != OPCODE_CONTINUATION || (first & RSV1) != 0) {
            // §6.1: RSV1 only on a message's first frame.
            throw new EchoMismatch(String.format("echo %d: first header byte 0x%02x within a message, expected a continuation", sequence, first));
        }
        lastFrame = (first & 0x80) != 0;
        if (header.masked() != masked) {
            throw new EchoMismatch("echo " + sequence + ": mask bit " + header.masked() + ", expected " + masked);
        }
        if (masked && !header.maskedWith(MessageTemplate.MASKING_KEY)) {
            throw new EchoMismatch("echo " + sequence + ": masking key differs");
        }
    }

    private void readPayload(ByteBuffer in) {
        int n = Math.min(in.remaining(), frameRemaining);
        in.get(message, messageLength, n);
        if (masked) {
            for (int i = 0; i < n; i++) {
                message[messageLength + i] ^= MessageTemplate.MASKING_KEY[(frameOffset + i) & 3];
            }
        }
        messageLength += n;
        frameOffset += n;
        frameRemaining -= n;
        if (frameRemaining == 0) {
            frameEnded();
        }
    }

    private void frameEnded() {
        frameRemaining = -1;
        if (lastFrame) {
            wireBytes += messageLength;
            if (compressed) {
                check(inflated, inflate());
            } else {
                uncompressedEchoes++;
                check(message, messageLength);
            }
            inMessage = false;
            messageLength = 0;
            listener.onEcho(sequence++);
        }
    }

    /** Inflates the message gathered, the tail appended, into {@link #inflated}; returns its length. */
    private int inflate() {
        System.arraycopy(DeflatingWriter.TAIL, 0, message, messageLength, DeflatingWriter.TAIL.length);
        inflater.setInput(message, 0, messageLength + DeflatingWriter.TAIL.length);
        int n = 0;
        try {
            int k;
            while (n < inflated.length && (k = inflater.inflate(inflated, n, inflated.length - n)) > 0) {
                n += k;
            }
        } catch (DataFormatException e) {
            throw new EchoMismatch("echo " + sequence + ": does not inflate: " + e.getMessage());
        }
        if (inflater.finished()) {
            // A final block (BFINAL) ends the stream; the next message starts a new one.
            inflater.reset();
        } else if (!inflater.needsInput()) {
            throw new EchoMismatch("echo " + sequence + ": inflates to more than " + expected.length + " bytes");
        }
        return n;
    }

    private void check(byte[] received, int length) {
        if (length != expected.length) {
            throw new EchoMismatch("echo " + sequence + ": " + length + " bytes, expected " + expected.length);
        }
        for (int i = 0; i < MessageTemplate.SEQUENCE_BYTES; i++) {
            if (received[i] != MessageTemplate.sequenceByte(sequence, i)) {
                throw new EchoMismatch("echo out of order or corrupt: expected sequence " + sequence);
            }
        }
        int mismatch = Arrays.mismatch(received, MessageTemplate.SEQUENCE_BYTES, length,
                expected, MessageTemplate.SEQUENCE_BYTES, expected.length);
        if (mismatch >= 0) {
            throw new EchoMismatch("echo " + sequence + ": payload differs at byte " + (MessageTemplate.SEQUENCE_BYTES + mismatch));
        }
    }

    /** Payload bytes of the echoes checked so far as they came over the wire (compressed, where they were). */
    long wireBytes() {
        return wireBytes;
    }

    /** Echoes checked so far that the server sent uncompressed (RSV1 clear). */
    long uncompressedEchoes() {
        return uncompressedEchoes;
    }

    @Override
    public void end() {
        inflater.end();
    }
}
