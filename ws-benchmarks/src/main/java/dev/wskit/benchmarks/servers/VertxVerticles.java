package dev.wskit.benchmarks.servers;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Vert.x instance with {@code threads} event loops and one verticle instance per loop, the
 * usual way to scale a Vert.x server; shared by both Vert.x echo servers so they differ only in
 * the WebSocket stack. Instances share one port: a fixed one, or (port 0) a free one that
 * Vert.x shares through a negative port number.
 */
final class VertxVerticles<V extends VerticleBase> {
    private static final long TIMEOUT_SECONDS = 30;

    final Vertx vertx;
    final List<V> verticles = new CopyOnWriteArrayList<>();

    VertxVerticles(int threads, Supplier<V> verticle) throws Exception {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
        try {
            vertx.deployVerticle(() -> {
                V instance = verticle.get();
                verticles.add(instance);
                return instance;
            }, new DeploymentOptions().setInstances(threads)).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The port to ask each instance for: Vert.x shares a negative one among instances. */
    static int sharedPort(int port) {
        return port == 0 ? -1 : port;
    }

    void close() {
        try {
            vertx.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Vert.x did not close", e);
        }
    }
}
