package dev.wskit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults against the echo server of every transport (issue 9, robustness): stalled handshakes,
 * peers that vanish mid-frame, peers that never read, a burst of short connections, a client that
 * sends after its close. Each is bounded in time and runs beside a {@link HealthyConnection} that
 * must echo before, during and after it; each ends with the kernel's word that the server closed
 * every socket the fault opened ({@link SocketCensus}) and no file descriptor leaked.
 *
 * <p>One server per transport serves every fault, configured for them: a 1 s handshake timeout,
 * {@code maxOutboundBytes} of 32 KiB (below the 64 KiB at which Netty and Vert.x stop reading, so
 * a peer that never reads crosses the limit before backpressure would stall it), and for the
 * blocking transport, whose writes block, a 1 s write timeout instead of the default 30 s.
 *
 * <p>File descriptors: client and server ends both live in this JVM, so a thousand stalled
 * handshakes hold two thousand descriptors. The slowloris runs in one wave when the JVM's limit
 * allows it (HotSpot raises the soft {@code ulimit -n} to the hard one at start), and otherwise in
 * waves that fit, which its assertion message states. The blocking server's thread count is not
 * checked: on JDK 17 its platform threads idle in a pool for 60 s after their connection ends, so
 * the count says nothing within a test; a connection it leaked would hold its socket, which the
 * census sees.
 */
class FaultsTest {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_OUTBOUND = 32 * 1024;
    private static final WebSocketConfig CONFIG = WebSocketConfig.builder()
            .handshakeTimeout(HANDSHAKE_TIMEOUT)
            .maxOutboundBytes(MAX_OUTBOUND)
            .build();
    /** How long after its timeout (or its cause) a server may take to drop a peer, on a busy machine. */
    private static final Duration DROP_SLACK = Duration.ofSeconds(4);
    /**
     * Descriptors the JVM may open meanwhile for reasons of its own (a jar opened by class loading,
     * an event loop's selector): far below the 100 to 1000 server sockets a leaking fault would keep.
     */
    private static final int DESCRIPTOR_SLACK = 64;

    private static final Map<Transport, Transport.Server> SERVERS = new EnumMap<>(Transport.class);
    private static final Map<Transport, ServerEvents> EVENTS = new EnumMap<>(Transport.class);

    @BeforeAll
    static void startServers() throws Exception {
        for (Transport t : Transport.values()) {
            ServerEvents events = new ServerEvents();
            EVENTS.put(t, events);
            SERVERS.put(t, t.startServer(CONFIG, events::newHandler, WRITE_TIMEOUT));
        }
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(Transport.Server::close);
        Transport.closeShared();
    }

    /** A fault, played against a server's port. */
    private interface Fault {
        void play(int port, ServerEvents events) throws Exception;
    }

    /**
     * Plays {@code fault} while a healthy connection echoes, then checks that the healthy connection
     * still echoes and that the server holds no more sockets than before.
     */
    private static void underFault(Transport transport, Fault fault) throws Exception {
        int port = SERVERS.get(transport).port;
        try (HealthyConnection healthy = HealthyConnection.open(transport, port)) {
            healthy.echo("before");
            int serverSockets = SocketCensus.serverSideOpen(port);
            int descriptors = SocketCensus.openFileDescriptors();
            healthy.startEchoing();
            fault.play(port, EVENTS.get(transport));
            healthy.stopEchoing();
            healthy.echo("after");
            assertThat(healthy.isOpen()).as("healthy connection open").isTrue();
            if (serverSockets != SocketCensus.UNKNOWN) {
                assertThat(SocketCensus.awaitServerSideOpenAtMost(port, serverSockets, DROP_SLACK))
                        .as("server-side sockets not closed by the server (before the fault: %d)", serverSockets)
                        .isLessThanOrEqualTo(serverSockets);
            }
            if (descriptors != SocketCensus.UNKNOWN) {
                assertThat(SocketCensus.awaitFileDescriptorsAtMost(descriptors + DESCRIPTOR_SLACK, DROP_SLACK))
                        .as("open file descriptors (before the fault: %d)", descriptors)
                        .isLessThanOrEqualTo(descriptors + DESCRIPTOR_SLACK);
            }
        }
    }

    // ---- stalled handshakes (slowloris) -------------------------------------------------------------

    private static final int STALLED = 1000;
    private static final byte[] HALF_REQUEST = "GET /stalled HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: webso"
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * A thousand peers each send half an opening request and stall: the handshake timeout drops
     * every one without a word (RFC 6455 §4.2 leaves the answer to a stalled request open; wskit
     * sends nothing, see {@code ProtocolViolation.HANDSHAKE_TIMEOUT}): the connection is reset.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(40)
    void aThousandStalledHandshakesAreDroppedSilentlyAtTheHandshakeTimeout(Transport transport) throws Exception {
        underFault(transport, (port, events) -> {
            int wave = stalledPerWave();
            for (int done = 0; done < STALLED; done += wave) {
                List<Socket> stalled = new ArrayList<>();
                try {
                    for (int i = 0; i < Math.min(wave, STALLED - done); i++) {
                        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                        stalled.add(socket);
                        socket.getOutputStream().write(HALF_REQUEST);
                    }
                    long deadline = System.nanoTime() + HANDSHAKE_TIMEOUT.plus(DROP_SLACK).toNanos();
                    Map<String, Integer> ends = new TreeMap<>();
                    for (Socket socket : stalled) {
                        ends.merge(howItEnds(socket, deadline), 1, Integer::sum);
                    }
                    assertThat(ends).as("how %d stalled handshakes ended within %d ms of the wave's last write (waves of %d)",
                                    stalled.size(), HANDSHAKE_TIMEOUT.plus(DROP_SLACK).toMillis(), wave)
                            // Aborted, as every 1006 the engine decides: a reset, no bytes.
                            .isEqualTo(Map.of("error: Connection reset", stalled.size()));
                } finally {
                    closeAll(stalled);
                }
            }
        });
    }

    /**
     * A thousand when the descriptor limit allows (two per stalled handshake, plus what is open and
     * a margin), otherwise as many as fit.
     */
    private static int stalledPerWave() {
        long limit = SocketCensus.maxFileDescriptors();
        int open = SocketCensus.openFileDescriptors();
        if (limit == SocketCensus.UNKNOWN || open == SocketCensus.UNKNOWN) {
            return STALLED;
        }
        long fit = (limit - open - 256) / 2;
        return (int) Math.max(1, Math.min(STALLED, fit));
    }

    private static String howItEnds(Socket socket, long deadlineNanos) {
        try {
            socket.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
            int first = socket.getInputStream().read();
            return first < 0 ? "EOF, no bytes" : "bytes sent";
        } catch (SocketTimeoutException e) {
            return "still open";
        } catch (IOException e) {
            return "error: " + e.getMessage();
        }
    }

    // ---- peers that vanish mid-frame ------------------------------------------------------------

    private static final int VANISHING = 100;

    /**
     * A hundred peers each send a ping and half a binary frame in one write, get the pong (so the
     * server has read that write, half frame included) and reset the connection (SO_LINGER 0). The
     * server's handler sees 1006 for each, exactly once (RFC 6455 §7.1.5: closed with no closing
     * handshake).
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(30)
    void peersThatVanishMidFrameEndIn1006AndLeaveNothingOpen(Transport transport) throws Exception {
        underFault(transport, (port, events) -> {
            byte[] frame = Frame.binary(new byte[100]).masked();
            byte[] pingAndHalfFrame = Frame.concat(Frame.ping("mid-frame").masked(), Arrays.copyOf(frame, frame.length / 2));
            byte[] pong = Frame.pong(Frame.utf8("mid-frame")).unmasked();
            List<RawConnection> peers = new ArrayList<>();
            try {
                for (int i = 0; i < VANISHING; i++) {
                    RawConnection peer = RawPeers.upgraded(port, "/vanish");
                    peers.add(peer);
                    peer.write(pingAndHalfFrame);
                    assertThat(peer.take(pong.length, CaseRun.TIMEOUT_MILLIS)).as("pong").isEqualTo(pong);
                }
                for (RawConnection peer : peers) {
                    peer.socket.setSoLinger(true, 0);
                    peer.close();
                }
            } finally {
                for (RawConnection peer : peers) {
                    peer.close();
                }
            }
            List<Integer> codes = events.awaitCloses("/vanish", VANISHING, DROP_SLACK);
            assertThat(codes).as("close codes the server's handlers saw").hasSize(VANISHING)
                    .containsOnly(CloseCode.ABNORMAL_CLOSURE);
        });
    }

    // ---- peers that never read ----------------------------------------------------------------------

    private static final int SILENT = 20;
    private static final int MESSAGE = 16 * 1024;
    /** Far beyond what kernel buffers absorb on loopback: a peer still writing here was never stopped. */
    private static final long MOST_A_SILENT_PEER_MAY_SEND = 64L * 1024 * 1024;
    /**
     * What a server may hold past the limit: the echoes of one read of input, handled before the
     * limit is checked (Netty reads up to 64 KiB at once; blocking 16 KiB; Vert.x checks per send).
     */
    private static final long PAST_THE_LIMIT = 64 * 1024 + MESSAGE + 14;

    /**
     * Twenty peers with a small receive buffer send 16 KiB messages and never read the echoes. Each
     * is dropped (1006: a close frame would queue behind the unread bytes) within the bound: Netty
     * and Vert.x once the unwritten echoes pass {@code maxOutboundBytes}, blocking once one write
     * blocks for the write timeout. What the server had pending stays bounded.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(40)
    void peersThatNeverReadAreDroppedAndTheirBacklogStaysBounded(Transport transport) throws Exception {
        underFault(transport, (port, events) -> {
            List<Socket> silent = new ArrayList<>();
            ExecutorService writers = Executors.newFixedThreadPool(SILENT);
            try {
                List<Future<Long>> sent = new ArrayList<>();
                for (int i = 0; i < SILENT; i++) {
                    Socket socket = RawPeers.upgradedSocket(port, "/silent", 4096);
                    silent.add(socket);
                    sent.add(writers.submit(() -> writeUntilDropped(socket)));
                }
                List<Integer> codes = events.awaitCloses("/silent", SILENT, WRITE_TIMEOUT.plus(DROP_SLACK).multipliedBy(2));
                assertThat(codes).as("close codes of the peers that never read").hasSize(SILENT)
                        .containsOnly(CloseCode.ABNORMAL_CLOSURE);
                for (Future<Long> bytes : sent) {
                    assertThat(bytes.get(DROP_SLACK.toMillis(), TimeUnit.MILLISECONDS))
                            .as("bytes a silent peer wrote before it was dropped").isLessThan(MOST_A_SILENT_PEER_MAY_SEND);
                }
                assertThat(events.mostPending("/silent")).as("most bytes pending for a silent peer")
                        .isLessThanOrEqualTo(MAX_OUTBOUND + PAST_THE_LIMIT);
            } finally {
                closeAll(silent);
                writers.shutdownNow();
            }
        });
    }

    /** Writes masked 16 KiB binary frames until the write fails (the server dropped us); returns the bytes written. */
    private static long writeUntilDropped(Socket socket) {
        byte[] frame = Frame.binary(new byte[MESSAGE]).masked();
        long sent = 0;
        try {
            while (sent < MOST_A_SILENT_PEER_MAY_SEND) {
                socket.getOutputStream().write(frame);
                sent += frame.length;
            }
        } catch (IOException dropped) {
            // The server closed the connection: what this peer is here to find out.
        }
        return sent;
    }

    // ---- a burst of short connections -------------------------------------------------------------

    private static final int BURST = 500;

    /** How a short connection ends. */
    private enum Ending { CLOSING_HANDSHAKE, TCP_CLOSE, RESET }

    /**
     * Five hundred connections, sixteen at a time, each opened, upgraded and at once closed: a third
     * with the closing handshake (the handler sees 1000), a third by closing TCP, a third by a reset
     * (1006 both). Every one reaches the handler's onOpen and onClose exactly once, and afterwards a
     * new connection is served.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(40)
    void aBurstOfShortConnectionsLeavesTheServerServingWithNothingOpen(Transport transport) throws Exception {
        underFault(transport, (port, events) -> {
            ExecutorService burst = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    Ending ending = Ending.values()[i % Ending.values().length];
                    done.add(burst.submit(() -> {
                        shortConnection(port, ending);
                        return null;
                    }));
                }
                for (Future<?> connection : done) {
                    connection.get(30, TimeUnit.SECONDS);
                }
            } finally {
                burst.shutdownNow();
            }
            List<Integer> codes = events.awaitCloses("/burst", BURST, DROP_SLACK);
            long graceful = (BURST + 2) / 3;
            assertThat(events.opened("/burst")).as("handshakes the server's handlers saw").isEqualTo(BURST);
            assertThat(codes).as("close codes the server's handlers saw").hasSize(BURST);
            assertThat(codes.stream().filter(c -> c == CloseCode.NORMAL_CLOSURE).count()).as("1000s").isEqualTo(graceful);
            assertThat(codes.stream().filter(c -> c == CloseCode.ABNORMAL_CLOSURE).count()).as("1006s").isEqualTo(BURST - graceful);
            try (HealthyConnection fresh = HealthyConnection.open(transport, port)) {
                fresh.echo("a new connection after the burst");
            }
        });
    }

    private static void shortConnection(int port, Ending ending) throws IOException {
        Socket socket = RawPeers.upgradedSocket(port, "/burst", 0);
        try {
            switch (ending) {
                case CLOSING_HANDSHAKE -> {
                    socket.getOutputStream().write(Frame.close(CloseCode.NORMAL_CLOSURE).masked());
                    socket.setSoTimeout((int) DROP_SLACK.toMillis());
                    InputStream in = socket.getInputStream();
                    byte[] reply = in.readNBytes(4);
                    assertThat(reply).as("the server's close").isEqualTo(Frame.close(CloseCode.NORMAL_CLOSURE).unmasked());
                    assertThat(in.read()).as("after the close: EOF").isEqualTo(-1);
                }
                case TCP_CLOSE -> {
                    // closed below, without a close frame
                }
                case RESET -> socket.setSoLinger(true, 0);
            }
        } finally {
            socket.close();
        }
    }

    // ---- a client that sends after its close --------------------------------------------------------

    /**
     * A client sends its close and then data frames and a ping, once in the same write and once in
     * writes of their own after the server answered. The server ignores everything after the close
     * (RFC 6455 §5.5.1: no data frame after a close; §1.4: the endpoint discards what follows),
     * answers the close exactly once with its code, and closes TCP; its handler sees 1000 and no
     * message.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(30)
    void dataAfterTheClientsCloseIsIgnoredAndTheCloseAnsweredOnce(Transport transport) throws Exception {
        underFault(transport, (port, events) -> {
            byte[] close = Frame.close(CloseCode.NORMAL_CLOSURE).masked();
            byte[] afterClose = Frame.concat(Frame.text("after close").masked(), Frame.binary(new byte[] {1, 2, 3}).masked(),
                    Frame.ping("after close").masked());
            byte[] closeReply = Frame.close(CloseCode.NORMAL_CLOSURE).unmasked();

            try (RawConnection together = RawPeers.upgraded(port, "/after-close")) {
                together.write(Frame.concat(close, afterClose));
                assertThat(together.awaitEnd(CaseRun.TIMEOUT_MILLIS)).as("all the server sent").isEqualTo(closeReply);
                assertThat(together.end()).as("how the stream ended").isEqualTo(RawConnection.End.EOF);
            }
            try (RawConnection separate = RawPeers.upgraded(port, "/after-close")) {
                separate.write(close);
                assertThat(separate.take(closeReply.length, CaseRun.TIMEOUT_MILLIS)).as("the close reply").isEqualTo(closeReply);
                try {
                    separate.write(afterClose);
                } catch (IOException closedAlready) {
                    // The server may have closed TCP by now: what it does next is the point.
                }
                // The server may answer these late bytes on a closed socket with a reset.
                assertThat(separate.awaitEnd(CaseRun.TIMEOUT_MILLIS)).as("what the server sent after its close").isEmpty();
                assertThat(separate.end()).as("the stream ended").isNotNull();
            }
            assertThat(events.awaitCloses("/after-close", 2, DROP_SLACK)).containsExactly(1000, 1000);
            assertThat(events.echoed("/after-close") + events.ignoredAfterClose("/after-close"))
                    .as("messages the handler saw").isZero();
        });
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that is left to do with it.
            }
        }
    }
}
