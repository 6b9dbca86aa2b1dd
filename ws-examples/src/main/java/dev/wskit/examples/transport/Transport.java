package dev.wskit.examples.transport;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ServerBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One transport's way to start a server and open a client connection; failures are thrown as they come. */
interface Transport {
    /**
     * Bounds every wait on a transport's future. Each wait is already bounded by the transport
     * (connect, handshake and close timeouts); this only keeps a bug from hanging an app.
     */
    Duration LONGEST_WAIT = Duration.ofSeconds(60);

    /** Starts a server; {@code watching} adds what observes its connections (listener, wire trace). */
    RunningServer start(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                        Consumer<? super ServerBuilder<?>> watching) throws Exception;

    ClientConnection connect(URI uri, WebSocketConfig config, ClientOptions options,
                             WebSocketHandler handler) throws Exception;

    /** The result of an asynchronous step, or the exception it failed with (not wrapped). */
    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw failed;
        }
    }
}
