package dev.wskit.transport.blocking;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.transport.core.AbstractWebSocketServer;
import dev.wskit.transport.core.ArgumentChecks;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ConnectionThreads;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.ServerSettings;
import dev.wskit.transport.core.SharedTimer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A WebSocket server on {@code java.net} sockets (RFC 6455), one thread per connection: an
 * acceptor thread, and per connection a reader thread that feeds the engine and writes its
 * answers. Any thread may send through the {@code WebSocket} a handler receives.
 *
 * <p>Threads: by default virtual threads when the JDK has them (21+), otherwise platform threads
 * from a pool bounded by twice the hard cap below plus one (a reader per connection, at most one
 * short timer task per connection, the acceptor). {@link Builder#threadFactory} or
 * {@link Builder#executor} replace them; timers run on one daemon thread of the server.
 *
 * <p>Beyond {@link Builder#maxConnections} or {@link Builder#maxConnectionsPerAddress} a connection
 * is answered {@code 503} before the upgrade, as on every transport; its reader thread reads the
 * request and writes the answer. So that a flood of them cannot take threads without bound, at
 * most 1 000 connections beyond {@code maxConnections} are held at once (the hard cap); past that
 * a new connection is accepted and closed at once, without reading or writing: a 503 would need
 * the request read first (closing with input unread resets the connection, and the answer may be
 * lost with it) and, over TLS, a handshake on the accepting thread, which one slow client could
 * then stall.
 *
 * <p>A peer that stops reading blocks the writes to it: a sender waits (that is the backpressure)
 * at most {@link Builder#writeTimeout} per flush, after which the socket is closed and the handler
 * sees {@code onClose(1006)}; other connections are not affected. Sends that queue more than
 * {@link WebSocketConfig#maxOutboundBytes()} before a write drops the connection likewise.
 *
 * <p>A {@linkplain #stop stop} returns once every thread the server started has ended (with a
 * caller's executor: every task it was given). It is not interruptible: an interrupt cuts the grace
 * short and is kept.
 */
public final class BlockingWebSocketServer extends AbstractWebSocketServer<BlockingWebSocketServer> {
    /** Pending connections the kernel may hold before {@code accept}; a burst of clients needs room. */
    private static final int ACCEPT_BACKLOG = 1024;
    /**
     * Connections beyond {@code maxConnections} held while they are answered 503: each holds a
     * thread only until its answer is written (at most the handshake timeout), so a burst this
     * size is answered properly, and a bigger one costs no more threads.
     */
    static final int REFUSAL_ROOM = 1_000;

    private final SSLContext tls;
    private final SSLParameters tlsParameters;
    private final ConnectionGroup group;
    private final ConnectionThreads threads;
    private final SharedTimer timer = new SharedTimer("wskit-blocking-server-timer");
    private final ConnectionResources resources;
    private ServerSocket serverSocket;

    private BlockingWebSocketServer(ServerSettings settings, Builder b) {
        super(settings);
        this.tls = b.tls;
        this.tlsParameters = b.tlsParameters;
        int hardCap = hardCap(settings.limits().maxConnections());
        this.group = new ConnectionGroup(hardCap);
        if (b.executor != null) {
            this.threads = ConnectionThreads.onExecutor(b.executor);
        } else if (b.threadFactory != null) {
            this.threads = ConnectionThreads.fromFactory(b.threadFactory);
        } else {
            this.threads = ConnectionThreads.byDefault("wskit-blocking-server-",
                    (int) Math.min(Integer.MAX_VALUE, 2L * hardCap + 1), false);
        }
        this.resources = new ConnectionResources(b.writeTimeout, timer, threads, group);
    }

    /** The connections a server holds at once, those being refused included (see the class comment). */
    static int hardCap(int maxConnections) {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxConnections + REFUSAL_ROOM);
    }

    /**
     * A builder; only {@link Builder#handler} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int bind() throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        try {
            if (tlsParameters != null) {
                ((SSLServerSocket) socket).setSSLParameters(tlsParameters);
            }
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(settings().host(), settings().port()), ACCEPT_BACKLOG);
            threads.execute(() -> acceptUntilClosed(socket));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        serverSocket = socket;
        return socket.getLocalPort();
    }

    private void acceptUntilClosed(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                admit(socket.accept());
            } catch (IOException e) {
                // Closed by stop() (the loop ends), or one connection failed before we got it.
            }
        }
    }

    private void admit(Socket socket) throws IOException {
        BlockingConnection connection;
        try {
            socket.setTcpNoDelay(true);
            connection = new BlockingConnection(socket, resources, settings()::newConnection);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw new IOException("connection not admitted", e);
        }
        if (!group.tryAdd(connection)) {
            socket.close();
            return;
        }
        try {
            threads.execute(connection);
        } catch (RejectedExecutionException noThread) {
            group.remove(connection);
            socket.close();
        }
    }

    /** Accepts no more, then ends the connections, the timers and the threads, in that order. */
    @Override
    protected void stopBound(Duration grace) {
        try {
            serverSocket.close();
        } catch (IOException e) {
            // The acceptor ends either way.
        }
        group.closeAll(ServerSettings.STOP_REASON, grace);
        // Timers next, so none hands out work after the threads are awaited.
        timer.stop();
        threads.awaitTermination();
    }

    /**
     * Settings of a server: those of every wskit server ({@link ServerBuilder}), then TLS and the
     * blocking transport's own; each setter checks its argument at once.
     */
    public static final class Builder extends ServerBuilder<Builder> {
        private SSLContext tls;
        private SSLParameters tlsParameters;
        private Executor executor;
        private ThreadFactory threadFactory;
        private Duration writeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Serves {@code wss}: TLS on every accepted socket, from an {@code SSLServerSocket} of this
         * context.
         *
         * @param tls the context, with the server's key and certificate; not {@code null}
         * @return this builder
         */
        public Builder tls(SSLContext tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            this.tlsParameters = null;
            return this;
        }

        /**
         * Serves {@code wss} from this context with these parameters, as {@code SSLServerSocket}
         * takes them (what they leave {@code null} stays the context's default): protocols, cipher
         * suites, and client certificates ({@code setNeedClientAuth} for mutual TLS, or
         * {@code setWantClientAuth} to let the upgrade decision judge their absence).
         *
         * @param tls the context, with the server's key and certificate; not {@code null}
         * @param parameters the TLS parameters; not {@code null}
         * @return this builder
         */
        public Builder tls(SSLContext tls, SSLParameters parameters) {
            tls(tls);
            this.tlsParameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /**
         * Runs the acceptor, the readers and timer hand-overs on {@code executor}; it needs a thread
         * for each at once (twice the hard cap, {@code maxConnections} plus 1 000, plus one), or
         * connections are closed at once.
         *
         * @param executor runs the server's tasks; not {@code null}
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            this.threadFactory = null;
            return this;
        }

        /**
         * Makes every thread with {@code threadFactory}, one per task.
         *
         * @param threadFactory makes the server's threads; not {@code null}
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            this.executor = null;
            return this;
        }

        /**
         * How long one flush may block on a peer that does not read before its socket is closed
         * (a blocked write cannot be interrupted otherwise); default 30 s.
         *
         * @param writeTimeout the timeout; above zero
         * @return this builder
         */
        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = ArgumentChecks.positive(writeTimeout, "writeTimeout");
            return this;
        }

        /**
         * The server, not started yet.
         *
         * @throws IllegalStateException when no handler was set
         */
        @Override
        public BlockingWebSocketServer build() {
            return new BlockingWebSocketServer(settings(), this);
        }
    }
}
