package io.respkit.pool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) of {@link Tracked}'s hand-over of a close between {@code destroyObject} and the thread
 * giving a connection back through commons-pool2's {@code returnObject}: the connection is closed exactly when it
 * was destroyed, also when two returns overlap. They overlap when commons-pool2 puts the connection back idle and
 * another thread borrows and gives it back before the first has left {@code ConnectionPool.returnObject} (a
 * preempted thread on a busy machine). Each test owns its object; not thread-safe beyond that.
 */
class TrackedTests {

    @Test
    void aReturnThatKeptItIdleClosesNothing() {
        Tracked t = new Tracked(null);
        t.beginReturn();
        assertThat(t.endReturn()).isFalse();
    }

    @Test
    void aConnectionDestroyedInsideReturnObjectIsClosedByTheReturningThreadOnce() {
        Tracked t = new Tracked(null);
        t.beginReturn();
        assertThat(t.leaveCloseToReturner()).isTrue();
        assertThat(t.endReturn()).isTrue();
        assertThat(t.leaveCloseToReturner()).as("destroyed later, outside a return: closed there").isFalse();
    }

    @Test
    void aLateFirstReturnNeverClosesAConnectionThatASecondReturnKeptIdle() {
        Tracked t = new Tracked(null);
        t.beginReturn(); // A: commons-pool2 put it back idle; A is preempted before it looks
        t.beginReturn(); // B borrowed it meanwhile and gives it back: idle again
        assertThat(t.endReturn()).as("B").isFalse();
        assertThat(t.endReturn()).as("A, late: the connection is idle, maybe lent again").isFalse();
    }

    @Test
    void overlappingReturnsThatEndInTheOtherOrderCloseNothingEither() {
        Tracked t = new Tracked(null);
        t.beginReturn(); // A
        t.beginReturn(); // B
        assertThat(t.endReturn()).as("A").isFalse();
        assertThat(t.endReturn()).as("B: its return kept it idle").isFalse();
    }

    @Test
    void aConnectionDestroyedDuringOverlappingReturnsIsClosedOnce() {
        Tracked t = new Tracked(null);
        t.beginReturn(); // A
        t.beginReturn(); // B, whose returnObject destroys it
        assertThat(t.leaveCloseToReturner()).isTrue();
        int closes = (t.endReturn() ? 1 : 0) + (t.endReturn() ? 1 : 0);
        assertThat(closes).isEqualTo(1);
    }
}
