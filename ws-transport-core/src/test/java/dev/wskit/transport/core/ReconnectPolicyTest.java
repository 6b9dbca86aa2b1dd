package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private static final ReconnectPolicy POLICY = ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void doublesUpToTheBoundWithoutJitterWhenTheDrawIsZero() {
        ReconnectPolicy noJitter = POLICY.withRandom(() -> 0);

        assertThat(noJitter.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(noJitter.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(noJitter.delayBefore(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(noJitter.delayBefore(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(noJitter.delayBefore(Integer.MAX_VALUE)).as("no overflow").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void takesUpToHalfOfTheBackoffAtRandom() {
        assertThat(POLICY.withRandom(() -> 0.5).delayBefore(2)).isEqualTo(Duration.ofMillis(150));
        assertThat(POLICY.withRandom(() -> 0.999).delayBefore(1)).isEqualTo(Duration.ofNanos(50_050_000));
    }

    @Test
    void defaultsToTenAttemptsAndTakesAnotherBound() {
        assertThat(POLICY.maxAttempts()).isEqualTo(10);
        assertThat(POLICY.withMaxAttempts(3).maxAttempts()).isEqualTo(3);
    }

    @Test
    void refusesBadSettingsAndABadDraw() {
        assertThatThrownBy(() -> ReconnectPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds maxDelay");
        assertThatThrownBy(() -> ReconnectPolicy.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("initialDelay must be positive: PT0S");
        assertThatThrownBy(() -> POLICY.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> POLICY.withRandom(() -> 1).delayBefore(1)).isInstanceOf(IllegalStateException.class);
    }
}
