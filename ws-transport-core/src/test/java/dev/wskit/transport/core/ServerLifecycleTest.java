package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {
    private final ServerLifecycle lifecycle = new ServerLifecycle();

    @Test
    void aServerStartsOnceAndStopsOnce() {
        lifecycle.starting();
        lifecycle.started(8080);
        assertThat(lifecycle.port()).isEqualTo(8080);
        assertThatThrownBy(lifecycle::starting).isInstanceOf(IllegalStateException.class).hasMessage("already started");
        assertThat(lifecycle.stopping()).isTrue();
        assertThat(lifecycle.stopping()).as("a second stop has nothing to do").isFalse();
        assertThat(lifecycle.port()).as("still known after the stop").isEqualTo(8080);
        assertThatThrownBy(lifecycle::starting).isInstanceOf(IllegalStateException.class).hasMessage("already started");
    }

    @Test
    void beforeTheStartThereIsNoPortAndNothingToStop() {
        assertThatThrownBy(lifecycle::port).isInstanceOf(IllegalStateException.class).hasMessage("not started");
        assertThat(lifecycle.stopping()).isFalse();
    }

    @Test
    void aFailedStartMayBeTriedAgain() {
        lifecycle.starting();
        lifecycle.startFailed();
        assertThatThrownBy(lifecycle::port).isInstanceOf(IllegalStateException.class);
        lifecycle.starting();
        lifecycle.started(9000);
        assertThat(lifecycle.port()).isEqualTo(9000);
    }

    @Test
    void aBindingThatFailsIsTheServersOneBindFailureAndMayBeTriedAgain() throws IOException {
        ServerSettings settings = new ServerSettings("127.0.0.1", 8080, WebSocketConfig.defaults(), null, null, null, null,
                ConnectionListener.NONE, null);
        BindException inUse = new BindException("Address already in use");
        assertThatThrownBy(() -> lifecycle.start(settings, () -> {
            throw inUse;
        })).isInstanceOf(IOException.class).hasMessage("cannot listen on 127.0.0.1:8080: Address already in use").hasCause(inUse);
        lifecycle.start(settings, () -> 8080);
        assertThat(lifecycle.port()).isEqualTo(8080);
    }

    @Test
    void onlyTheFirstStopOfAStartedServerRunsAndEveryStopChecksItsGrace() {
        List<Duration> stops = new ArrayList<>();
        lifecycle.stop(Duration.ZERO, stops::add);
        lifecycle.starting();
        lifecycle.started(8080);
        assertThatThrownBy(() -> lifecycle.stop(Duration.ofSeconds(-1), stops::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("grace must not be negative: PT-1S");
        lifecycle.stop(Duration.ofSeconds(2), stops::add);
        lifecycle.stop(Duration.ofSeconds(3), stops::add);
        assertThat(stops).containsExactly(Duration.ofSeconds(2));
    }
}
