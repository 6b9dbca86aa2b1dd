package dev.wskit.testkit.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A fake HTTP proxy on a plain server socket for the answers a real one never gives: it accepts
 * one connection, reads the request head, writes the answer it was given and closes. Made by
 * {@link Kit#scriptedProxy}.
 */
public final class ScriptedProxy implements AutoCloseable {
    private final ServerSocket server;
    private final CompletableFuture<String> request = new CompletableFuture<>();

    ScriptedProxy(byte[] answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> answerOnce(answer), "kit-scripted-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request head the client sent, up to its empty line; waits up to {@link Events#WAIT}. */
    public String request() throws Exception {
        return Kit.await(request);
    }

    private void answerOnce(byte[] answer) {
        try (Socket client = server.accept()) {
            client.setSoTimeout((int) Events.WAIT.toMillis());
            request.complete(readHead(client.getInputStream()));
            client.getOutputStream().write(answer);
            client.getOutputStream().flush();
        } catch (IOException e) {
            request.completeExceptionally(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before its request ended: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
