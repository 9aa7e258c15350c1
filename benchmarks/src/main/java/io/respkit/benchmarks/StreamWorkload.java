package io.respkit.benchmarks;

import io.respkit.RedisClient;
import io.respkit.benchmarks.stream.StreamContender;
import io.respkit.commands.PendingSummary;
import io.respkit.commands.StreamEntryId;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code stream} workload: a consumer group works through a stream that was filled before it started, each entry
 * handled and acknowledged. Kept apart from {@link Workloads}, which is long enough.
 *
 * <p>Thread-safe: stateless.
 */
public final class StreamWorkload {

    /** Entries added per {@code EVAL} while filling the stream (not measured). */
    private static final int FILL_CHUNK = 1_000;
    /**
     * Adds entries {@code ARGV[1]} to {@code ARGV[2] - 1} with one field whose value is {@link Workloads#payload}'s:
     * filled on the server so that no client's {@code XADD} is part of the set-up.
     */
    private static final String FILL = "for i = tonumber(ARGV[1]), tonumber(ARGV[2]) - 1 do "
            + "redis.call('XADD', KEYS[1], '*', '" + StreamContender.FIELD + "', "
            + "string.format('%010d:', i) .. string.rep('x', 53)) end return 1";
    private static final String GROUP = "bench-group";

    private StreamWorkload() {
    }

    /**
     * {@code stream}: {@code entries} entries (one field, the 64-byte {@link Workloads#payload}) are added to
     * {@code stream} and a group is created at its start ({@code XGROUP CREATE ... 0}); the clock then runs from the
     * contender's start until every entry was handed to the sink and the group's pending list is empty again. Each
     * entry's value is compared with the one added, in stream order (so none twice), and at the end the stream's
     * length and the empty pending list are checked.
     *
     * @param contender the contender, not started
     * @param control fills the stream and checks the group
     * @param entries how many entries
     * @param stream the stream's key, unique per run
     * @param workload the workload name in the report, e.g. {@code stream}
     * @return the sample, with the lost count
     * @throws VerificationException when a value was wrong or out of order, or entries stayed pending
     */
    public static Sample run(StreamContender contender, RedisClient<String> control, int entries, String stream,
                             String workload) {
        for (int from = 0; from < entries; from += FILL_CHUNK) {
            control.execute("EVAL", FILL, "1", stream, Integer.toString(from),
                    Integer.toString(Math.min(entries, from + FILL_CHUNK)));
        }
        if (control.xlen(stream) != entries) {
            throw new VerificationException(workload + ": the stream holds " + control.xlen(stream) + " entries, not "
                    + entries);
        }
        control.xgroupCreate(stream, GROUP, StreamEntryId.MIN);
        String[] expected = new String[entries];
        for (int i = 0; i < entries; i++) {
            expected[i] = Workloads.payload(i);
        }
        Checked sink = new Checked(expected);
        long startBytes = Allocations.total();
        long start = System.nanoTime();
        contender.start(stream, GROUP, sink);
        sink.await();
        long pending = awaitNothingPending(control, stream);
        long end = System.nanoTime();
        long bytes = Allocations.total() - startBytes;
        String name = contender.name();
        synchronized (sink) {
            if (sink.wrong > 0) {
                throw new VerificationException(name + ": " + workload + " handed on " + sink.wrong
                        + " entries out of order or with a wrong value, e.g. " + sink.firstWrong);
            }
            long lost = entries - sink.received;
            if (lost == 0 && pending != 0) {
                throw new VerificationException(name + ": " + workload + " left " + pending + " entries pending");
            }
            // Lost entries are reported, as the queue workload does, rather than thrown.
            long nanos = lost > 0 ? sink.lastNanos - start : end - start;
            return new Sample(workload, name, sink.received, Math.max(1, nanos), Double.NaN, Double.NaN,
                    startBytes < 0 ? Double.NaN : (double) bytes / Math.max(1, sink.received), lost);
        }
    }

    /** Polls {@code XPENDING} until it is empty, for up to 10 s; returns the last count. */
    private static long awaitNothingPending(RedisClient<String> control, String stream) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long count;
        do {
            PendingSummary p = control.xpending(stream, GROUP);
            count = p.count();
            if (count == 0) {
                return 0;
            }
            // The last acknowledgement is at most one round trip away: poll without sleeping, as the clock runs.
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        return count;
    }

    /**
     * Receives the values, compares each with the one added at its position, and lets the workload wait for all of
     * them (or for the flow to stop for 5 s, which counts the rest as lost).
     */
    private static final class Checked implements Consumer<String> {

        private final String[] expected;
        private int received;
        private long wrong;
        private String firstWrong;
        private long lastNanos;

        Checked(String[] expected) {
            this.expected = expected;
        }

        @Override
        public synchronized void accept(String value) {
            if (received >= expected.length || !expected[received].equals(value)) {
                if (wrong++ == 0) {
                    firstWrong = "#" + received + " = " + value;
                }
            }
            received++;
            lastNanos = System.nanoTime();
            if (received >= expected.length) {
                notifyAll();
            }
        }

        synchronized void await() {
            long idleSince = System.nanoTime();
            int seen = received;
            while (received < expected.length) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (received != seen) {
                    seen = received;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(5)) {
                    return;
                }
            }
        }
    }
}
