package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectDeadlineTest {
    @Test
    void aDeadlineAheadLeavesTimeNoMoreThanTheTimeout() {
        ConnectDeadline deadline = ConnectDeadline.in(Duration.ofSeconds(10));
        assertThat(deadline.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(deadline.hasPassed()).isFalse();
        assertThat(deadline.millisLeft()).isBetween(1, 10_000);
        assertThat(deadline.nanosLeft()).isBetween(1L, Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aPassedDeadlineStillLeavesOneUnitSoATimerFiresAtOnce() {
        ConnectDeadline deadline = ConnectDeadline.in(Duration.ofNanos(-1));
        assertThat(deadline.hasPassed()).isTrue();
        assertThat(deadline.millisLeft()).as("0 would mean no timeout to a socket").isEqualTo(1);
        assertThat(deadline.nanosLeft()).isEqualTo(1);
    }
}
