package io.respkit.pool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Unit tests (no server) of {@link PoolGate}, the pool's bound kept outside commons-pool2: no more connections than
 * {@code maxTotal}, a waiter served after a bounded number of leases taken by newcomers, and an interrupted caller
 * that still gets a free lease. Each test owns its gate; not thread-safe beyond that.
 */
class PoolGateTests {

    private static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    @Test
    void noMoreConnectionsThanMaxTotalAreCountedAndAGoneOneFreesItsPlace() throws Exception {
        PoolGate gate = new PoolGate(2);
        gate.reserve();
        gate.reserve();
        assertThatThrownBy(gate::reserve).isSameAs(PoolGate.AT_CAPACITY);
        gate.gone();
        gate.reserve();
        assertThat(PoolGate.AT_CAPACITY.getStackTrace()).isEmpty();
    }

    @Test
    void aWaiterIsServedAfterAtMostABoundedRunOfNewcomers() throws Exception {
        PoolGate gate = new PoolGate(1);
        assertThat(gate.enter(in(Duration.ZERO))).isTrue();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter(in(Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiters() == 1);
        // This thread gives its lease back and asks at once, again and again: a newcomer each time.
        int taken = 0;
        while (taken <= PoolGate.BARGES_PER_HANDOFF + 1) {
            gate.leave();
            if (!gate.enter(in(Duration.ZERO))) {
                break;
            }
            taken++;
            if (waiter.isDone()) {
                break;
            }
        }
        assertThat(taken).as("leases taken ahead of the waiter").isLessThanOrEqualTo(PoolGate.BARGES_PER_HANDOFF);
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptedCallerGetsAFreeLeaseButDoesNotWaitForOne() throws Exception {
        PoolGate gate = new PoolGate(1);
        Thread.currentThread().interrupt();
        try {
            assertThat(gate.enter(in(Duration.ofSeconds(5)))).isTrue();
            assertThatThrownBy(() -> gate.enter(in(Duration.ofSeconds(5)))).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(gate.enter(in(Duration.ofMillis(50)))).as("none left").isFalse();
        gate.leave();
        assertThat(gate.enter(in(Duration.ZERO))).isTrue();
    }
}
