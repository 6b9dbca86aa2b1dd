package dev.wskit.testkit.kit;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One test's fixture: makes the servers, clients and peers a case needs, closes them all after
 * the test (last made, first closed), and before that fails the test if any {@link Events} it
 * made holds an event the test never checked. A test gets it as a parameter, from
 * {@link Extension} (registered by {@link TransportCases}).
 */
public final class Kit {
    private static EventLoopGroup nettyGroup;
    private static HttpClient jdkClient;

    private final TransportUnderTest transport;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<Events> logs = new CopyOnWriteArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private TransportUnderTest.Client defaultClient;

    Kit(TransportUnderTest transport) {
        this.transport = transport;
    }

    public TransportUnderTest transport() {
        if (transport == null) {
            throw new IllegalStateException("this test class names no transport (it is no TransportCases)");
        }
        return transport;
    }

    // ---- the transport's server ---------------------------------------------------------------

    /** A server with the default config whose connections echo every message. */
    public RecordingServer echoServer() throws Exception {
        return echoServer(WebSocketConfig.defaults());
    }

    public RecordingServer echoServer(WebSocketConfig config) throws Exception {
        return server(config, null, recorder -> recorder);
    }

    /**
     * A server whose every connection gets an echoing {@link Recorder}, passed through
     * {@code around} first: a case changes what a connection does by wrapping its recorder.
     *
     * @param tls the certificate to serve, or {@code null}
     */
    public RecordingServer server(WebSocketConfig config, TestCertificate tls,
            Function<Recorder, ? extends WebSocketHandler> around)
            throws Exception {
        return recordingServer(handlers -> server(config, tls, handlers), around, tls != null);
    }

    /**
     * An echoing server as {@link #echoServer(WebSocketConfig)}, with the server settings every
     * transport shares ({@code memoryBudget}, connection limits) as {@code settings} sets them.
     */
    public RecordingServer echoServer(WebSocketConfig config, Consumer<? super ServerBuilder<?>> settings)
            throws Exception {
        return recordingServer(handlers -> server(builder -> {
            builder.config(config).handler(handlers);
            settings.accept(builder);
        }), recorder -> recorder, false);
    }

    /** What starts a server given its handler factory. */
    private interface Starter {
        TransportUnderTest.Server start(Supplier<? extends WebSocketHandler> handlers) throws Exception;
    }

    private RecordingServer recordingServer(Starter starter, Function<Recorder, ? extends WebSocketHandler> around,
            boolean tls) throws Exception {
        BlockingQueue<Recorder> connections = new LinkedBlockingQueue<>();
        TransportUnderTest.Server server = starter.start(() -> {
            Recorder recorder = echoingRecorder("server connection");
            connections.add(recorder);
            return around.apply(recorder);
        });
        return new RecordingServer(server, connections, tls);
    }

    /** A server with handlers of the test's own making. */
    public TransportUnderTest.Server server(WebSocketConfig config, TestCertificate tls,
            Supplier<? extends WebSocketHandler> handlers) throws Exception {
        return closeAfter(transport().startServer(handlers, config, tls));
    }

    /** A server whose upgrades {@code decider} decides. */
    public TransportUnderTest.Server server(WebSocketConfig config, UpgradeDecider decider) throws Exception {
        return closeAfter(transport().startServer(decider, config, null));
    }

    /** A server as {@code setup} sets up its builder (see {@link TransportUnderTest#startServer(Consumer)}). */
    public TransportUnderTest.Server server(Consumer<? super ServerBuilder<?>> setup) throws Exception {
        return closeAfter(transport().startServer(setup));
    }

    // ---- the transport's client ---------------------------------------------------------------

    public TransportUnderTest.Client client(WebSocketConfig config, TestCertificate trusted) {
        return client(config, trusted, null);
    }

    /** A client that connects through {@code proxy}, or directly when it is {@code null}. */
    public TransportUnderTest.Client client(WebSocketConfig config, TestCertificate trusted, HttpProxy proxy) {
        return closeAfter(transport().newClient(config, trusted, proxy));
    }

    /** A client as {@code setup} sets up its builder (see {@link TransportUnderTest#newClient(Consumer)}). */
    public TransportUnderTest.Client client(Consumer<? super ClientBuilder<?>> setup) {
        return closeAfter(transport().newClient(setup));
    }

    /** Connects a new recorder with a client of the default config; returns once open, {@code "open"} taken. */
    public Recorder connect(URI uri) throws Exception {
        if (defaultClient == null) {
            defaultClient = client(WebSocketConfig.defaults(), null);
        }
        return connect(defaultClient, uri);
    }

    public Recorder connect(TransportUnderTest.Client client, URI uri) throws Exception {
        Recorder recorder = recorder("client");
        await(client.connect(uri, recorder));
        recorder.expect("open");
        return recorder;
    }

    /** A recorder for a handler of the test's own: it records and does not echo. */
    public Recorder recorder(String name) {
        return track(new Recorder(name(name), false));
    }

    /** A connection listener recording what it hears, for a server or client of the test's own making. */
    public ListenerRecorder listenerRecorder(String name) {
        return track(new ListenerRecorder(name(name)));
    }

    /** A recorder that echoes every message, for a server of the test's own making. */
    public Recorder echoingRecorder(String name) {
        return track(new Recorder(name(name), true));
    }

    /** A handler that echoes every message and records nothing: for load, where no event is checked one by one. */
    public static WebSocketHandler echo() {
        return new WebSocketHandler() {
            @Override
            public void onText(dev.wskit.protocol.WebSocket socket, String text) {
                socket.sendText(text);
            }

            @Override
            public void onBinary(dev.wskit.protocol.WebSocket socket, java.nio.ByteBuffer data) {
                socket.sendBinary(data);
            }
        };
    }

    // ---- peers we did not write ---------------------------------------------------------------

    /** A WebSocket builder of the JDK's shared client, to set up before {@link #jdk(URI, WebSocket.Builder)}. */
    public WebSocket.Builder jdkBuilder() {
        return sharedJdkClient().newWebSocketBuilder();
    }

    /** The JDK's {@code java.net.http.WebSocket}, connected. */
    public JdkRecorder jdk(URI uri) throws Exception {
        return jdk(uri, jdkBuilder());
    }

    /** The JDK's client trusting {@code tls} (a client context), connected. */
    public JdkRecorder jdk(URI uri, SSLContext tls) throws Exception {
        HttpClient http = tls == null ? sharedJdkClient() : HttpClient.newBuilder().sslContext(tls).build();
        return jdk(uri, http.newWebSocketBuilder());
    }

    /** The JDK's client as {@code builder} sets it up (headers, subprotocols), connected. */
    public JdkRecorder jdk(URI uri, WebSocket.Builder builder) throws Exception {
        JdkRecorder recorder = track(new JdkRecorder(name("JDK client")));
        recorder.connected(await(builder.buildAsync(uri, recorder)));
        closeAfter(() -> recorder.socket().abort());
        return recorder;
    }

    /** Netty's own client, connected. */
    public NettyPeer netty(URI uri) {
        return netty(uri, EmptyHttpHeaders.INSTANCE);
    }

    /** Netty's own client sending {@code headers} with its opening request, connected. */
    public NettyPeer netty(URI uri, HttpHeaders headers) {
        NettyPeer peer = NettyPeer.connect(new NettyPeer(name("Netty client")), sharedNettyGroup(), uri, null, headers);
        track(peer.events());
        closeAfter(peer::close);
        return peer;
    }

    /** Why Netty's own client failed its opening handshake with {@code uri}; fails the test if it succeeded. */
    public Throwable nettyRefused(URI uri) {
        try {
            NettyPeer.connect(new NettyPeer(name("refused Netty client")), sharedNettyGroup(), uri, null).close();
        } catch (CompletionException refused) {
            return refused.getCause();
        }
        throw new AssertionError("Netty's client opened " + uri);
    }

    /**
     * Netty's HTTP/2 client codec on one h2c connection (prior knowledge) to {@code port}, the
     * server's SETTINGS read: the peer of {@link Http2PeerCases}.
     */
    public Http2Peer http2Peer(int port) throws Exception {
        return closeAfter(Http2Peer.connect(port, null));
    }

    /** Netty's own server. */
    public NettyServerPeer nettyServer() {
        return closeAfter(new NettyServerPeer(sharedNettyGroup(), null));
    }

    public RawPeer raw(int port) throws Exception {
        return closeAfter(new RawPeer(port, 0));
    }

    /**
     * A raw peer connecting from {@code localAddress}: on Linux every {@code 127.x.y.z} is this
     * machine, so a test has clients of several addresses.
     */
    public RawPeer rawFrom(String localAddress, int port) throws Exception {
        return closeAfter(new RawPeer(port, 0, localAddress));
    }

    /** A raw peer with a 4 KiB receive buffer, so a peer that does not read fills it quickly. */
    public RawPeer rawWithSmallReceiveBuffer(int port) throws Exception {
        return closeAfter(new RawPeer(port, 4096));
    }

    /** A raw peer past its opening handshake. */
    public RawPeer rawUpgraded(int port) throws Exception {
        RawPeer peer = raw(port);
        peer.upgrade();
        return peer;
    }

    // ---- proxies ------------------------------------------------------------------------------

    /** Tinyproxy allowing {@code CONNECT} to {@code connectPort}; the test is skipped without tinyproxy. */
    public Tinyproxy tinyproxy(int connectPort) throws Exception {
        return closeAfter(Tinyproxy.start(connectPort, null, null));
    }

    /** Tinyproxy as {@link #tinyproxy(int)}, admitting only clients with these Basic credentials. */
    public Tinyproxy tinyproxy(int connectPort, String user, String password) throws Exception {
        return closeAfter(Tinyproxy.start(connectPort, user, password));
    }

    /** A fake proxy that answers one {@code CONNECT} with {@code answer} (ISO-8859-1) and closes. */
    public ScriptedProxy scriptedProxy(String answer) throws Exception {
        return closeAfter(new ScriptedProxy(answer.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Closes {@code resource} after the test, before what was made earlier. */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        synchronized (resources) {
            resources.push(resource);
        }
        return resource;
    }

    /** Runs {@code task} on a daemon thread of its own. */
    public <T> CompletableFuture<T> inBackground(String name, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "kit-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The future's value, waiting up to {@link Events#WAIT}; its failure is rethrown unwrapped. */
    public static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("not done within " + Events.WAIT.toSeconds() + " s", e);
        }
    }

    /** How the future failed, waiting up to {@link Events#WAIT}; fails the test if it succeeded. */
    public static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            Object value = future.get(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException || cause instanceof ExecutionException) {
                cause = cause.getCause();
            }
            return cause;
        } catch (TimeoutException e) {
            throw new AssertionError("neither done nor failed within " + Events.WAIT.toSeconds() + " s", e);
        }
    }

    /** The next element of a queue a server of the test's own fills, waiting up to {@link Events#WAIT}. */
    public static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T next = queue.poll(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("nothing within " + Events.WAIT.toSeconds() + " s");
        }
        return next;
    }

    /** {@code failure} and its causes, outermost first. */
    public static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private <T extends Events> T track(T log) {
        logs.add(log);
        return log;
    }

    private String name(String what) {
        return what + " " + names.incrementAndGet() + (transport == null ? "" : " (" + transport.name() + ")");
    }

    static synchronized EventLoopGroup sharedNettyGroup() {
        if (nettyGroup == null) {
            nettyGroup = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("kit-netty-peer", true),
                    NioIoHandler.newFactory());
        }
        return nettyGroup;
    }

    private static synchronized HttpClient sharedJdkClient() {
        if (jdkClient == null) {
            jdkClient = HttpClient.newHttpClient();
        }
        return jdkClient;
    }

    /** Checks every log, then closes every resource; the first failure is thrown, the rest suppressed. */
    void finish() throws Exception {
        Throwable failure = null;
        for (Events log : logs) {
            try {
                log.assertNoMoreEvents();
            } catch (AssertionError unchecked) {
                failure = add(failure, unchecked);
            }
        }
        while (true) {
            AutoCloseable resource;
            synchronized (resources) {
                resource = resources.poll();
            }
            if (resource == null) {
                break;
            }
            try {
                // Bounded: a resource stuck closing (a deadlocked connection) fails the test, not the run.
                await(inBackground("close", () -> {
                    resource.close();
                    return null;
                }));
            } catch (Exception | AssertionError e) {
                failure = add(failure, e);
            }
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    private static Throwable add(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * Hands each test a {@link Kit} for the transport of its class (when it is a
     * {@link TransportCases}), and finishes it after the test.
     */
    public static final class Extension implements ParameterResolver, AfterEachCallback {
        private static final ExtensionContext.Namespace KIT = ExtensionContext.Namespace.create(Kit.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Kit.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(KIT).getOrComputeIfAbsent("kit", key -> new Kit(
                    context.getTestInstance().filter(TransportCases.class::isInstance)
                            .map(cases -> ((TransportCases) cases).transport()).orElse(null)), Kit.class);
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            Kit kit = context.getStore(KIT).remove("kit", Kit.class);
            if (kit != null) {
                kit.finish();
            }
        }
    }
}
