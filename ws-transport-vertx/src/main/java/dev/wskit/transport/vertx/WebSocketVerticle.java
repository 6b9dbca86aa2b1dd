package dev.wskit.transport.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link VertxWebSocketServer} as a verticle, so Vert.x scales it the usual way:
 * {@code vertx.deployVerticle(() -> new WebSocketVerticle(setup), new DeploymentOptions().setInstances(n))}.
 * Each instance listens on its own context (an event loop of its own), and instances given the
 * same fixed port, or the same {@link VertxWebSocketServer.Builder#sharedFreePort}, share it:
 * Vert.x spreads connections over them. Port 0 is not shared: each instance would get a port of
 * its own. Undeploying stops the instance's server gracefully, with the configuration's close
 * timeout as the grace.
 */
public final class WebSocketVerticle extends VerticleBase {
    private final Consumer<VertxWebSocketServer.Builder> setup;
    private volatile VertxWebSocketServer server;

    /**
     * {@code setup} fills in a fresh builder per instance (port, handler, config, TLS).
     *
     * @param setup fills in each instance's builder; not {@code null}
     */
    public WebSocketVerticle(Consumer<VertxWebSocketServer.Builder> setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    @Override
    public Future<?> start() {
        VertxWebSocketServer.Builder builder = VertxWebSocketServer.builder(vertx);
        setup.accept(builder);
        server = builder.build();
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server.shutdown();
    }

    /**
     * This instance's server, once started.
     *
     * @return the server, or {@code null} before the verticle started
     */
    public VertxWebSocketServer server() {
        return server;
    }
}
