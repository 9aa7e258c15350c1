package io.respkit.internal.connection;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Unit tests (no server) for {@link ReplySpin}: when a caller polls for its reply instead of parking, and that it
 * stops doing so where polling does not pay (a slow or distant server, a blocking command, company in the JVM).
 */
class ReplySpinTests {

    /** A spin that never ends by time in these tests, which must not race the clock on a busy machine. */
    private static final long PATIENT = 60_000_000_000L;

    /** The count of waiting callers these spinners share: the test JVM's other callers must not count. */
    private final AtomicInteger waiting = new AtomicInteger();

    private final Command<Object> get = Command.create(StringCodec.UTF8, "GET", ReplyDecoders.raw()).arg("k");

    @AfterEach
    void nobodyLeftCounted() {
        assertThat(waiting.get()).isZero();
    }

    @Test
    void pollsUntilTheReplyArrivesAndCountsTheCallerUntilDone() {
        Input in = new Input(3); // bytes readable from the third poll on
        ReplySpin spin = new ReplySpin(true, PATIENT, waiting);
        spin.await(in, false);
        assertThat(in.polls.get()).isEqualTo(3);
        assertThat(waiting.get()).isEqualTo(1);
        spin.done();
        spin.done(); // a second done changes nothing
        assertThat(waiting.get()).isZero();
    }

    @Test
    void aReplyLaterThanTheSpinMakesTheConnectionParkForTheNextReplies() {
        Input in = new Input(Integer.MAX_VALUE); // never readable
        ReplySpin spin = new ReplySpin(true, ReplySpin.SPIN_NANOS, waiting);
        long start = System.nanoTime();
        spin.await(in, false);
        spin.done();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(ReplySpin.SPIN_NANOS);
        int polled = in.polls.get();
        assertThat(polled).isPositive();
        for (int i = 0; i < 64; i++) {
            spin.await(in, false);
            spin.done();
        }
        assertThat(in.polls.get()).as("no polling while backing off").isEqualTo(polled);
        spin.await(in, false);
        spin.done();
        assertThat(in.polls.get()).as("polls again after the back-off").isGreaterThan(polled);
    }

    @Test
    void aBlockingCommandSpinsWhenAloneButIsNeverCompanyForOthers() {
        Command<Object> brpop = Command.create(StringCodec.UTF8, "BRPOP", ReplyDecoders.raw()).arg("q").arg("0");
        Input queueHasItems = new Input(2);
        ReplySpin listener = new ReplySpin(true, PATIENT, waiting);
        listener.await(queueHasItems, brpop.blockMillis() >= 0);
        assertThat(queueHasItems.polls.get()).isEqualTo(2);
        assertThat(waiting.get()).as("a blocked pop is not company").isZero();

        Input other = new Input(1);
        ReplySpin caller = new ReplySpin(true, PATIENT, waiting);
        caller.await(other, false);
        assertThat(other.polls.get()).as("another caller still spins").isEqualTo(1);
        Input emptyQueue = new Input(Integer.MAX_VALUE);
        listener.await(emptyQueue, get.blocking(Duration.ofSeconds(1)).blockMillis() >= 0);
        assertThat(emptyQueue.polls.get()).as("a blocking pop with company parks at once").isZero();
        caller.done();
        listener.done();
    }

    @Test
    void aCallerWithCompanyParksAtOnce() {
        ReplySpin first = new ReplySpin(true, PATIENT, waiting);
        ReplySpin second = new ReplySpin(true, PATIENT, waiting);
        Input readable = new Input(1);
        first.await(readable, false); // still counted: its reply not read yet
        Input never = new Input(Integer.MAX_VALUE);
        second.await(never, false);
        assertThat(never.polls.get()).isZero();
        assertThat(waiting.get()).isEqualTo(2);
        second.done();
        first.done();
    }

    @Test
    void aSubscriberSpinsForItsNextMessageOnlyWhenNoCallerWaitsAndIsNeverCounted() {
        Input busyChannel = new Input(2);
        ReplySpin subscriber = new ReplySpin(true, PATIENT, waiting);
        subscriber.awaitPush(busyChannel);
        assertThat(busyChannel.polls.get()).isEqualTo(2);
        assertThat(waiting.get()).isZero();

        ReplySpin caller = new ReplySpin(true, PATIENT, waiting);
        caller.await(new Input(1), false);
        Input quiet = new Input(Integer.MAX_VALUE);
        subscriber.awaitPush(quiet);
        assertThat(quiet.polls.get()).as("a caller waits: the subscriber parks").isZero();
        caller.done();
        assertThat(waiting.get()).isZero();
    }

    @Test
    void aDisabledSpinnerNeitherPollsNorCounts() {
        Input in = new Input(Integer.MAX_VALUE);
        ReplySpin.NEVER.await(in, false);
        assertThat(waiting.get()).isZero();
        ReplySpin.NEVER.done();
        assertThat(in.polls.get()).isZero();
    }

    @Test
    void anInterruptedCallerStopsSpinningAtOnce() {
        Input in = new Input(Integer.MAX_VALUE);
        ReplySpin spin = new ReplySpin(true, PATIENT, waiting);
        Thread.currentThread().interrupt();
        try {
            spin.await(in, false);
            spin.done();
            assertThat(in.polls.get()).isEqualTo(1);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is left for the read to see").isTrue();
        }
    }

    @Test
    void aFailingSocketEndsTheSpinQuietlyForTheReadToReport() {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                return -1;
            }

            @Override
            public int available() throws IOException {
                throw new IOException("socket closed");
            }
        };
        ReplySpin spin = new ReplySpin(true, PATIENT, waiting);
        assertThatCode(() -> spin.await(failing, false)).doesNotThrowAnyException();
        spin.done();
    }

    /** An input whose bytes become readable at the {@code readableAt}-th poll. */
    private static final class Input extends InputStream {

        final AtomicInteger polls = new AtomicInteger();
        private final int readableAt;

        Input(int readableAt) {
            this.readableAt = readableAt;
        }

        @Override
        public int read() {
            return 'x';
        }

        @Override
        public int available() {
            return polls.incrementAndGet() >= readableAt ? 1 : 0;
        }
    }
}
