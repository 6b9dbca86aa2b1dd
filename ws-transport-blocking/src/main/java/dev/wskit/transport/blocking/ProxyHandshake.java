package dev.wskit.transport.blocking;

import dev.wskit.protocol.proxy.ProxyConnectException;
import dev.wskit.protocol.proxy.ProxyTunnel;
import dev.wskit.transport.core.ConnectDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** Runs a {@link ProxyTunnel}'s {@code CONNECT} exchange on a socket connected to the proxy. */
final class ProxyHandshake {
    /** Far more than a proxy's answer needs; what follows it in the same read is an error anyway. */
    private static final int READ_SIZE = 1024;

    private ProxyHandshake() {
    }

    /**
     * Writes the request and reads the answer until the tunnel is open, each read bounded by what
     * is left of the connect timeout.
     *
     * @throws ProxyConnectException when the proxy refuses, answers garbage, closes or is silent
     */
    static void open(Socket proxy, ProxyTunnel tunnel, ConnectDeadline deadline) throws IOException {
        ByteBuffer request = tunnel.request();
        proxy.getOutputStream().write(request.array(), request.arrayOffset() + request.position(), request.remaining());
        InputStream in = proxy.getInputStream();
        byte[] buffer = new byte[READ_SIZE];
        boolean open = false;
        while (!open) {
            if (deadline.hasPassed()) {
                throw tunnel.timedOut(deadline.timeout());
            }
            proxy.setSoTimeout(deadline.millisLeft());
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw tunnel.timedOut(deadline.timeout());
            }
            if (read < 0) {
                throw tunnel.closedEarly();
            }
            open = tunnel.receive(ByteBuffer.wrap(buffer, 0, read));
        }
        proxy.setSoTimeout(0);
    }
}
