package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionGroupTest {
    private final ConnectionGroup group = new ConnectionGroup(2);
    private final List<String> events = new ArrayList<>();

    /** A connection that ends as soon as it is told to go away, as one with a live peer does. */
    private ConnectionGroup.Member answering(String name) {
        ConnectionGroup.Member[] self = new ConnectionGroup.Member[1];
        self[0] = ConnectionGroup.Member.of(reason -> {
            events.add(name + " 1001 " + reason);
            group.remove(self[0]);
        }, () -> events.add(name + " dropped"));
        return self[0];
    }

    /** A connection whose peer never answers. */
    private ConnectionGroup.Member silent(String name) {
        return ConnectionGroup.Member.of(reason -> events.add(name + " 1001 " + reason), () -> events.add(name + " dropped"));
    }

    @Test
    void closingSendsGoingAwayToEachAndDropsOnlyThoseStillOpenAfterTheGrace() {
        assertThat(group.tryAdd(answering("a"))).isTrue();
        assertThat(group.tryAdd(silent("b"))).isTrue();

        group.closeAll("server stopping", Duration.ofMillis(50));

        assertThat(events).containsExactlyInAnyOrder("a 1001 server stopping", "b 1001 server stopping", "b dropped");
    }

    @Test
    void aZeroGraceDropsAtOnce() {
        group.tryAdd(silent("a"));
        group.closeAll("client closing", Duration.ZERO);
        assertThat(events).containsExactly("a 1001 client closing", "a dropped");
    }

    @Test
    void admitsUpToTheLimitAndNoneOnceClosing() {
        ConnectionGroup.Member first = silent("a");
        assertThat(group.tryAdd(first)).isTrue();
        assertThat(group.tryAdd(silent("b"))).isTrue();
        assertThat(group.tryAdd(silent("c"))).as("full").isFalse();
        group.remove(first);
        assertThat(group.tryAdd(silent("d"))).isTrue();

        group.closeAll("server stopping", Duration.ZERO);

        assertThat(group.isClosing()).isTrue();
        assertThat(group.tryAdd(silent("e"))).isFalse();
    }

    @Test
    void anInterruptCutsTheGraceShortAndIsKept() {
        group.tryAdd(silent("a"));
        Thread.currentThread().interrupt();
        group.closeAll("server stopping", Duration.ofDays(1));
        assertThat(Thread.interrupted()).isTrue();
        assertThat(events).contains("a dropped");
    }

    @Test
    void refusesANegativeGraceAndANonPositiveLimit() {
        assertThatThrownBy(() -> group.closeAll("x", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grace must not be negative: PT-1S");
        assertThatThrownBy(() -> new ConnectionGroup(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive: 0");
    }
}
