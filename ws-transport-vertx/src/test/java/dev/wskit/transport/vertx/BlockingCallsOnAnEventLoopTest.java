package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The blocking lifecycle calls refuse to run on an event loop, naming the asynchronous form to use
 * there, and leave the server and client untouched; the asynchronous forms work there.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class BlockingCallsOnAnEventLoopTest {

    @Test
    void startStopAndCloseNameTheirAsynchronousFormsAndChangeNothing(Vertx vertx) throws Exception {
        VertxWebSocketServer server = VertxWebSocketServer.builder(vertx).handler(() -> new WebSocketHandler() { }).build();
        VertxWebSocketClient client = VertxWebSocketClient.builder(vertx).build();

        List<String> refusals = onEventLoop(vertx, () -> {
            List<String> messages = new ArrayList<>();
            messages.add(refusal(server::start));
            messages.add(refusal(() -> server.stop(Duration.ZERO)));
            messages.add(refusal(server::close));
            messages.add(refusal(client::close));
            return messages;
        }).await(10, TimeUnit.SECONDS);

        assertThat(refusals).containsExactly(
                "start() blocks, which an event loop must not: use listen() there",
                "stop(Duration) blocks, which an event loop must not: use shutdown(Duration) there",
                "close() blocks, which an event loop must not: use shutdown() there",
                "close() blocks, which an event loop must not: use shutdown() there");
        int port = onEventLoop(vertx, server::listen).compose(f -> f).await(10, TimeUnit.SECONDS).port();
        assertThat(port).as("started by listen() after the refused start()").isPositive();
        onEventLoop(vertx, server::shutdown).compose(f -> f).await(10, TimeUnit.SECONDS);
        onEventLoop(vertx, client::shutdown).compose(f -> f).await(10, TimeUnit.SECONDS);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String refusal(Call call) {
        try {
            call.run();
            return "not refused";
        } catch (IllegalStateException refused) {
            return refused.getMessage();
        } catch (Exception other) {
            return other.toString();
        }
    }

    /** What {@code work} returns, run on an event loop of {@code vertx}. */
    private static <T> Future<T> onEventLoop(Vertx vertx, Callable<T> work) {
        Promise<T> result = Promise.promise();
        vertx.runOnContext(v -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.fail(e);
            }
        });
        return result.future();
    }
}
