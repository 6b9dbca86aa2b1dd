package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One thread per connection: a virtual one where the running JDK has them (21+), a platform one
 * from a bounded pool on JDK 17. The build targets 17, so both paths are live; run the module on
 * JDK 21+ (JAVA_HOME=... mvn -pl ws-transport-blocking verify) to exercise the virtual one.
 */
@Timeout(20)
class ThreadModelTest {

    @Test
    void handlersRunOnVirtualThreadsExactlyWhenTheJdkHasThem() throws Exception {
        CompletableFuture<Thread> handlerThread = new CompletableFuture<>();
        try (BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .handler(() -> new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        handlerThread.complete(Thread.currentThread());
                    }
                })
                .build().start();
             BlockingWebSocketClient client = BlockingWebSocketClient.builder().build()) {
            client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), new WebSocketHandler() { });
            Thread thread = handlerThread.get(10, TimeUnit.SECONDS);
            boolean jdkHasVirtualThreads = Runtime.version().feature() >= 21;
            assertThat(isVirtual(thread)).isEqualTo(jdkHasVirtualThreads);
        }
    }

    /** {@code Thread.isVirtual()} exists from JDK 21 on; before, every thread is a platform thread. */
    private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException jdk17) {
            return false;
        }
    }
}
