package dev.wskit.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plain TCP socket seen as a stream of received bytes: a daemon thread reads all the time (so
 * a peer that echoes while we still write never blocks on us) and keeps the bytes until a case
 * takes them, and how the stream ended (EOF or an error such as a reset). Writes are exact: a
 * case decides how its bytes are cut into {@code write} calls.
 */
final class RawConnection implements AutoCloseable {
    /** How the received stream ended; {@code null} while it is open. */
    enum End { EOF, ERROR }

    final Socket socket;
    private final OutputStream out;
    private byte[] received = new byte[64 * 1024];
    private int readAt;
    private int writeAt;
    private End end;
    private String endDetail = "";

    RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        Thread reader = new Thread(() -> readLoop(in), "raw-reader-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(InputStream in) {
        byte[] chunk = new byte[64 * 1024];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                append(chunk, n);
            }
            ended(End.EOF, "EOF");
        } catch (IOException e) {
            ended(End.ERROR, e.getMessage());
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        if (writeAt + n > received.length) {
            int live = writeAt - readAt;
            byte[] bigger = live + n > received.length / 2 ? new byte[Math.max(2 * received.length, live + n)] : received;
            System.arraycopy(received, readAt, bigger, 0, live);
            received = bigger;
            readAt = 0;
            writeAt = live;
        }
        System.arraycopy(chunk, 0, received, writeAt, n);
        writeAt += n;
        notifyAll();
    }

    private synchronized void ended(End how, String detail) {
        end = how;
        endDetail = detail;
        notifyAll();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes {@code bytes} in pieces of {@code chop} bytes, one {@code write} call each. */
    void writeChopped(byte[] bytes, int chop) throws IOException {
        for (int at = 0; at < bytes.length; at += chop) {
            out.write(bytes, at, Math.min(chop, bytes.length - at));
            out.flush();
        }
    }

    /**
     * Exactly {@code length} bytes, or fewer when the stream ended or nothing came for
     * {@code timeoutMillis}; the caller compares lengths.
     */
    synchronized byte[] take(int length, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (writeAt - readAt < length && end == null) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        int n = Math.min(length, writeAt - readAt);
        byte[] bytes = Arrays.copyOfRange(received, readAt, readAt + n);
        readAt += n;
        return bytes;
    }

    /** Waits until a byte can be taken; false when the stream ended first or nothing came in time. */
    synchronized boolean awaitAvailable(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (writeAt == readAt && end == null) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return writeAt > readAt;
    }

    /**
     * Waits for the end of the stream; returns the bytes that came before it (none, for a peer
     * that sent nothing more). {@link #end()} is {@code null} afterwards when it timed out.
     */
    synchronized byte[] awaitEnd(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (end == null) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        byte[] rest = Arrays.copyOfRange(received, readAt, writeAt);
        readAt = writeAt;
        return rest;
    }

    synchronized End end() {
        return end;
    }

    /** Whether the stream ended and every byte before the end was taken. */
    synchronized boolean isExhausted() {
        return end != null && readAt == writeAt;
    }

    synchronized String endDescription() {
        if (end == null) {
            return "connection still open";
        }
        return end == End.EOF ? "TCP closed (EOF)" : "TCP dropped (" + endDetail + ")";
    }

    /** An HTTP head, up to and including the empty line; {@code null} when the stream ended first. */
    String readHead(long timeoutMillis) throws InterruptedException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            byte[] b = take(1, timeoutMillis);
            if (b.length == 0) {
                return null;
            }
            head.append((char) (b[0] & 0xff));
        }
        return head.toString();
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
