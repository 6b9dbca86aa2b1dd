package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private final MemoryBudget budget = new MemoryBudget(800);

    /** An account that counts how often it was asked to shed. */
    private final class Connection {
        final AtomicInteger sheds = new AtomicInteger();
        final MemoryBudget.Account account = budget.open(sheds::incrementAndGet);
    }

    @Test
    void grantsWithinTheLimitAndTakesEverythingBackWhenAConnectionEnds() {
        Connection one = new Connection();
        Connection two = new Connection();
        assertThat(one.account.reserve(500)).isTrue();
        assertThat(two.account.reserve(300)).isTrue();
        assertThat(budget.used()).isEqualTo(800);
        one.account.release(200);
        assertThat(one.account.held()).isEqualTo(300);
        one.account.close();
        two.account.close();
        assertThat(budget.used()).isZero();
    }

    @Test
    void whenShortTheConnectionThatWouldHoldTheMostIsRefused() {
        Connection large = new Connection();
        Connection small = new Connection();
        assertThat(small.account.reserve(100)).isTrue();
        assertThat(large.account.reserve(600)).isTrue();

        assertThat(large.account.reserve(200)).as("the largest holder asks past the limit").isFalse();

        assertThat(large.account.held()).isEqualTo(600);
        assertThat(budget.used()).as("a refusal reserves nothing").isEqualTo(700);
        assertThat(large.sheds.get() + small.sheds.get()).isZero();
    }

    @Test
    void aLoneConnectionIsRefusedPastTheLimit() {
        Connection alone = new Connection();
        assertThat(alone.account.reserve(801)).isFalse();
        assertThat(budget.used()).isZero();
    }

    @Test
    void whenShortASmallerConnectionIsServedAndTheLargestIsShedOnce() {
        Connection large = new Connection();
        Connection middle = new Connection();
        Connection small = new Connection();
        assertThat(large.account.reserve(500)).isTrue();
        assertThat(middle.account.reserve(250)).isTrue();
        assertThat(small.account.reserve(40)).isTrue();

        assertThat(small.account.reserve(40)).as("served past the limit while the largest gives way").isTrue();
        assertThat(small.account.reserve(40)).as("what the largest gives back covers this").isTrue();

        assertThat(large.sheds.get()).isEqualTo(1);
        assertThat(middle.sheds.get()).as("the middle one was not needed").isZero();
        assertThat(budget.used()).isEqualTo(870);
    }

    @Test
    void aSmallerConnectionIsServedOnWhileTheOneItShedHasNotGivenBackYet() {
        Connection large = new Connection();
        Connection small = new Connection();
        assertThat(large.account.reserve(700)).isTrue();
        assertThat(small.account.reserve(150)).isTrue();

        // The large one is shedding on its own thread, not done yet: nobody else to shed, no need.
        assertThat(small.account.reserve(40)).isTrue();
        assertThat(large.sheds.get()).isEqualTo(1);
        assertThat(budget.used()).isEqualTo(890);
    }

    @Test
    void theCreditIsHardEvenWhileTheLargestGivesWay() {
        Connection large = new Connection();
        Connection small = new Connection();
        assertThat(large.account.reserve(700)).isTrue();

        // The budget of 800 and its credit of 100: 900 held at most, whatever is on its way back.
        assertThat(small.account.reserve(150)).isTrue();
        assertThat(large.sheds.get()).isEqualTo(1);
        assertThat(small.account.reserve(60)).isFalse();
        assertThat(budget.used()).isEqualTo(850);

        large.account.close();
        assertThat(small.account.reserve(60)).as("once it is back").isTrue();
        assertThat(budget.used()).isEqualTo(210);
    }

    @Test
    void aBudgetIsPositive() {
        assertThatThrownBy(() -> new MemoryBudget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryBudget must be positive: 0");
        assertThat(MemoryBudget.ofHeap().limit()).isEqualTo(Runtime.getRuntime().maxMemory() / 8);
    }
}
