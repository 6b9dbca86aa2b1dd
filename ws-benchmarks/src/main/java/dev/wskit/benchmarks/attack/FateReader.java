package dev.wskit.benchmarks.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a server sent an attacking connection, without keeping it: an HTTP response head
 * while the connection is not upgraded, then server frames (unmasked, RFC 6455 §5.1), skipping
 * payloads except a close frame's status code (§5.5.1). Reads at most {@link #MAX_BYTES_PER_LOOK}
 * per look, so a connection the server floods (echoes never read) costs a bounded time.
 */
final class FateReader {
    private static final int MAX_BYTES_PER_LOOK = 16 << 20;
    private static final int MAX_HEAD_BYTES = 8192;

    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final StringBuilder head = new StringBuilder();
    private boolean upgraded;
    private String httpStatus;
    private int closeCode = -1;
    // The frame being scanned: its header bytes so far, then the payload bytes still to skip.
    private final byte[] header = new byte[10];
    private int headerRead;
    private long payloadLeft = -1;
    private boolean inClose;
    private int closeBytes;

    void upgraded() {
        upgraded = true;
    }

    Fate read(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            long total = 0;
            int n;
            while (total < MAX_BYTES_PER_LOOK && (n = channel.read(buffer.clear())) > 0) {
                total += n;
                scan(buffer.flip());
            }
            if (total < MAX_BYTES_PER_LOOK && channel.read(buffer.clear()) < 0) {
                return seen(Fate.DROPPED);
            }
            return seen(Fate.OPEN);
        } catch (IOException e) {
            return seen(Fate.RESET);
        }
    }

    /** A close frame or an HTTP refusal, once seen, says more than how the socket ended. */
    private Fate seen(Fate socket) {
        if (closeCode >= 0) {
            return Fate.close(closeCode);
        }
        if (httpStatus != null) {
            return Fate.http(httpStatus);
        }
        return socket;
    }

    private void scan(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (!upgraded) {
                readHead(in);
            } else if (payloadLeft < 0) {
                readHeader(in);
            } else {
                skipPayload(in);
            }
        }
    }

    private void readHead(ByteBuffer in) {
        if (httpStatus != null) {
            in.position(in.limit()); // after a refusal: nothing more to learn
            return;
        }
        head.append((char) (in.get() & 0xff));
        int end = head.indexOf("\r\n\r\n");
        if (end < 0 && head.length() < MAX_HEAD_BYTES) {
            return;
        }
        String status = head.length() >= 12 && head.indexOf("HTTP/1.") == 0 ? head.substring(9, 12) : "?";
        if (status.equals("101")) {
            upgraded = true;
        } else {
            httpStatus = status;
        }
    }

    private void readHeader(ByteBuffer in) {
        header[headerRead++] = in.get();
        if (headerRead < 2) {
            return;
        }
        int length7 = header[1] & 0x7f;
        int needed = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0);
        if (headerRead < needed) {
            return;
        }
        payloadLeft = length7 == 126 ? ByteBuffer.wrap(header, 2, 2).getShort() & 0xffff
                : length7 == 127 ? ByteBuffer.wrap(header, 2, 8).getLong()
                : length7;
        inClose = (header[0] & 0x0f) == Frames.CLOSE;
        closeBytes = 0;
        headerRead = 0;
        if (inClose && payloadLeft == 0) {
            closeCode = 1005; // §7.1.5: no status code present
        }
        if (payloadLeft == 0) {
            payloadLeft = -1;
        }
    }

    private void skipPayload(ByteBuffer in) {
        if (inClose && closeBytes < 2) {
            int b = in.get() & 0xff;
            closeCode = closeBytes == 0 ? b << 8 : (closeCode & 0xff00) | b;
            closeBytes++;
            payloadLeft--;
        } else {
            int n = (int) Math.min(in.remaining(), payloadLeft);
            in.position(in.position() + n);
            payloadLeft -= n;
        }
        if (payloadLeft == 0) {
            payloadLeft = -1;
        }
    }
}
