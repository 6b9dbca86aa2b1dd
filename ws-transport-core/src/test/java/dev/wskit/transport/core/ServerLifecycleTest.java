package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
