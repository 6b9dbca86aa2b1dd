package dev.wskit.transport.vertx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.CompletionException;

/**
 * The blocking forms of the server's and client's asynchronous calls: they refuse to run on an
 * event loop, whose other connections would stall (and whose own work the future may be waiting
 * for), then wait for the future.
 */
final class BlockingWait {
    private BlockingWait() {
    }

    /**
     * @throws IllegalStateException on an event loop thread, naming {@code call} and the
     *     asynchronous call to use {@code instead}
     */
    static void refuseOnEventLoop(String call, String instead) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException(call + " blocks, which an event loop must not: use " + instead + " there");
        }
    }

    /**
     * The future's result, once it has one; not interruptible.
     *
     * @throws CompletionException with the future's failure as the cause
     */
    static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
