package io.respkit.benchmarks;

import io.respkit.Pipeline;
import io.respkit.RedisClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The workloads, each written once and run unchanged against every contender. Every reply is verified; a wrong one
 * throws {@link VerificationException}. Set-up (preloading keys, building payloads) happens before the clock starts;
 * the {@code control} client (respkit) does the work that is common to all contenders, such as publishing or
 * pushing queue items, so that the row measures the contender's side only.
 *
 * <p>Thread-safe: workloads keep no state between calls.
 */
public final class Workloads {

    /** Keys of the multi-threaded GET workload. */
    public static final int MT_KEYS = 1_000;
    private static final int PAYLOAD_BYTES = 64;
    private static final Map<String, String> USER = Map.of("id", "1", "user", "zhangsan", "age", "18");

    private Workloads() {
    }

    /**
     * {@code seq_set_get}: {@code pairs} SET+GET pairs, one after the other, on one connection. Operations are
     * commands (two per pair); latency is per command.
     *
     * @param d the contender
     * @param pairs how many pairs
     * @param prefix key prefix, unique per run
     * @return the sample
     */
    public static Sample seqSetGet(Driver d, int pairs, String prefix) {
        String[] keys = keys(prefix, pairs);
        String[] values = values(pairs);
        LatencyRecorder latency = new LatencyRecorder();
        Clock clock = Clock.start();
        for (int i = 0; i < pairs; i++) {
            long t0 = System.nanoTime();
            boolean ok = d.set(keys[i], values[i]);
            long t1 = System.nanoTime();
            String v = d.get(keys[i]);
            long t2 = System.nanoTime();
            latency.record(t1 - t0);
            latency.record(t2 - t1);
            if (!ok || !values[i].equals(v)) {
                throw new VerificationException(d.name() + ": seq_set_get pair " + i + " read back " + v);
            }
        }
        return clock.stop("seq_set_get", d.name(), 2L * pairs, latency, -1);
    }

    /**
     * {@code pipeline_set}: {@code total} SETs in pipelines of {@code batch} on one connection.
     *
     * @param d the contender
     * @param total how many commands
     * @param batch commands per pipeline
     * @param prefix key prefix, unique per run
     * @return the sample
     */
    public static Sample pipelineSet(Driver d, int total, int batch, String prefix) {
        return pipelineSet("pipeline_set", d, total, batch, prefix);
    }

    /**
     * {@link #pipelineSet(Driver, int, int, String) pipeline_set} reported under another name, such as
     * {@code cluster_pipeline_set} (the same keys and values, spread over every hash slot by their names).
     *
     * @param workload the workload name in the report
     * @param d the contender
     * @param total how many commands
     * @param batch commands per pipeline
     * @param prefix key prefix, unique per run
     * @return the sample
     */
    public static Sample pipelineSet(String workload, Driver d, int total, int batch, String prefix) {
        String[] keys = keys(prefix, total);
        String[] values = values(total);
        Clock clock = Clock.start();
        for (int from = 0; from < total; from += batch) {
            int to = Math.min(total, from + batch);
            int ok = d.pipelineSet(keys, values, from, to);
            if (ok != to - from) {
                throw new VerificationException(d.name() + ": " + workload + " got " + ok + " OK of " + (to - from));
            }
        }
        return clock.stop(workload, d.name(), total, null, -1);
    }

    /**
     * {@code pipeline_get}: {@code total} GETs in pipelines of {@code batch} on one connection, of keys set before
     * the clock starts.
     *
     * @param d the contender
     * @param total how many commands
     * @param batch commands per pipeline
     * @param prefix key prefix, unique per run
     * @return the sample
     */
    public static Sample pipelineGet(Driver d, int total, int batch, String prefix) {
        String[] keys = keys(prefix, total);
        String[] values = values(total);
        for (int from = 0; from < total; from += batch) {
            d.pipelineSet(keys, values, from, Math.min(total, from + batch));
        }
        String[] out = new String[total];
        Clock clock = Clock.start();
        for (int from = 0; from < total; from += batch) {
            d.pipelineGet(keys, from, Math.min(total, from + batch), out);
        }
        Sample sample = clock.stop("pipeline_get", d.name(), total, null, -1);
        for (int i = 0; i < total; i++) {
            if (!values[i].equals(out[i])) {
                throw new VerificationException(d.name() + ": pipeline_get " + i + " read " + out[i]);
            }
        }
        return sample;
    }

    /**
     * {@code mt_get_<threads>}: {@code threads} threads, each running synchronous GETs of random keys (of
     * {@value #MT_KEYS} set before the clock starts) for {@code millis}.
     *
     * @param d the contender; must be {@linkplain Driver#threadSafe() thread-safe}
     * @param threads how many threads
     * @param millis how long to run
     * @param prefix key prefix, unique per run
     * @return the sample
     */
    public static Sample mtGet(Driver d, int threads, long millis, String prefix) {
        return mtGet("mt_get_" + threads, d, threads, millis, prefix);
    }

    /**
     * {@link #mtGet(Driver, int, long, String) mt_get} reported under another name, such as
     * {@code cluster_mt_get_64} (the same keys, spread over every hash slot by their names).
     *
     * @param workload the workload name in the report
     * @param d the contender; must be {@linkplain Driver#threadSafe() thread-safe}
     * @param threads how many threads
     * @param millis how long to run
     * @param prefix key prefix, unique per run
     * @return the sample
     * @throws IllegalArgumentException when {@code d} is not thread-safe
     */
    public static Sample mtGet(String workload, Driver d, int threads, long millis, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return threadedGet(workload, d.name(), d, threads, r -> new Thread(r, "bench-mt-" + n.getAndIncrement()),
                null, millis, prefix);
    }

    /**
     * The body of {@link #mtGet}: {@code threads} threads made by {@code factory}, each running synchronous GETs of
     * random keys for {@code millis}, every reply verified.
     *
     * @param workload the workload name in the report
     * @param contender the contender's name in the report
     * @param d the contender; must be {@linkplain Driver#threadSafe() thread-safe}
     * @param threads how many threads
     * @param factory makes them: platform or virtual
     * @param shared a recorder shared by every thread, for thousands of them (a {@link LatencyRecorder} each would
     *        take 400 KB each); {@code null} for one {@link LatencyRecorder} per thread
     * @param millis how long to run
     * @param prefix key prefix, unique per run
     * @return the sample
     * @throws IllegalArgumentException when {@code d} is not thread-safe
     */
    static Sample threadedGet(String workload, String contender, Driver d, int threads, ThreadFactory factory,
            SharedLatencyRecorder shared, long millis, String prefix) {
        if (!d.threadSafe()) {
            throw new IllegalArgumentException(d.name() + " is not thread-safe");
        }
        String[] keys = keys(prefix, MT_KEYS);
        String[] values = values(MT_KEYS);
        int preloaded = d.pipelineSet(keys, values, 0, MT_KEYS);
        if (preloaded != MT_KEYS) {
            throw new VerificationException(d.name() + ": " + workload + " preload got " + preloaded + " OK of "
                    + MT_KEYS);
        }
        LatencyRecorder[] latencies = new LatencyRecorder[shared == null ? threads : 1];
        long[] counts = new long[threads];
        AtomicLong wrong = new AtomicLong();
        // A worker that throws must fail the run, not just stop counting.
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int t = 0; t < threads; t++) {
            int id = t;
            LongConsumer rec;
            if (shared == null) {
                latencies[t] = new LatencyRecorder();
                rec = latencies[t]::record;
            } else {
                rec = shared::record;
            }
            Thread w = factory.newThread(() -> {
                long seed = 0x9E3779B97F4A7C15L * (id + 1);
                long n = 0;
                awaitQuietly(go);
                long end = deadline[0];
                long now = System.nanoTime();
                while (now < end) {
                    seed ^= seed << 13;
                    seed ^= seed >>> 7;
                    seed ^= seed << 17;
                    int k = (int) ((seed >>> 1) % MT_KEYS);
                    String v;
                    try {
                        v = d.get(keys[k]);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        break;
                    }
                    long after = System.nanoTime();
                    rec.accept(after - now);
                    now = after;
                    if (!values[k].equals(v)) {
                        wrong.incrementAndGet();
                    }
                    n++;
                }
                counts[id] = n;
            });
            workers.add(w);
            w.start();
        }
        Clock clock = Clock.start();
        deadline[0] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        go.countDown();
        long total = 0;
        for (int t = 0; t < threads; t++) {
            joinQuietly(workers.get(t));
            total += counts[t];
            if (shared == null && t > 0) {
                latencies[0].merge(latencies[t]);
            }
        }
        if (failure.get() != null) {
            throw new VerificationException(d.name() + ": " + workload + " GET failed: " + failure.get(),
                    failure.get());
        }
        if (wrong.get() > 0) {
            throw new VerificationException(d.name() + ": " + workload + " read " + wrong.get() + " wrong values");
        }
        return clock.stop(workload, contender, total, shared == null ? latencies[0] : shared.snapshot(), -1);
    }

    /**
     * {@code hash_mix}: per iteration {@code HSET} of 3 fields, {@code HGETALL} and {@code HINCRBY}, on a new key.
     * Operations are iterations; latency is per iteration.
     *
     * @param d the contender
     * @param iterations how many iterations
     * @param prefix key prefix, unique per run
     * @return the sample
     */
    public static Sample hashMix(Driver d, int iterations, String prefix) {
        String[] keys = keys(prefix, iterations);
        LatencyRecorder latency = new LatencyRecorder();
        Clock clock = Clock.start();
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            d.hset(keys[i], USER);
            Map<String, String> all = d.hgetall(keys[i]);
            long age = d.hincrby(keys[i], "age", 10);
            latency.record(System.nanoTime() - t0);
            if (all.size() != 3 || !"18".equals(all.get("age")) || !"zhangsan".equals(all.get("user")) || age != 28) {
                throw new VerificationException(d.name() + ": hash_mix iteration " + i + " read " + all + ", " + age);
            }
        }
        return clock.stop("hash_mix", d.name(), iterations, latency, -1);
    }

    /**
     * {@code pubsub}: {@code messages} payloads of 64 bytes published (pipelined, by {@code control}) to one
     * channel with one subscriber of the contender; the clock runs from the first publish to the last delivery.
     * Every message must arrive, in order.
     *
     * @param d the contender
     * @param control publishes, and checks the subscription is active
     * @param messages how many messages
     * @param channel the channel, unique per run
     * @return the sample, with the lost count
     */
    public static Sample pubsub(Driver d, RedisClient<String> control, int messages, String channel) {
        String[] payloads = new String[messages];
        for (int i = 0; i < messages; i++) {
            payloads[i] = payload(i);
        }
        Ordered sink = new Ordered(messages);
        try (AutoCloseable subscription = d.subscribe(channel, sink)) {
            awaitSubscriber(control, channel);
            Clock clock = Clock.start();
            for (int from = 0; from < messages; from += 1_000) {
                int to = Math.min(messages, from + 1_000);
                try (Pipeline<String> p = control.pipeline()) {
                    for (int i = from; i < to; i++) {
                        p.publish(channel, payloads[i]);
                    }
                    p.execute();
                }
            }
            sink.await();
            return sink.finish(clock, "pubsub", d.name());
        } catch (VerificationException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(d.name() + ": closing the subscription failed", e);
        }
    }

    /**
     * {@code queue}: {@code items} LPUSHed (by {@code control}, 1,000 per command, while the consumer already
     * waits) and consumed by the contender; the clock runs from the first push to the last item handled. Every
     * item must arrive, first in first out.
     *
     * @param consumer the contender
     * @param control pushes the items
     * @param items how many items
     * @param queue the list, unique per run
     * @param workload the workload name in the report, e.g. {@code queue}
     * @return the sample, with the lost count
     */
    public static Sample queue(QueueConsumer consumer, RedisClient<String> control, int items, String queue,
                               String workload) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < items; from += 1_000) {
            List<String> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(items, from + 1_000); i++) {
                chunk.add(payload(i));
            }
            chunks.add(chunk);
        }
        Ordered sink = new Ordered(items);
        consumer.start(queue, sink);
        Clock clock = Clock.start();
        try (Pipeline<String> p = control.pipeline()) {
            for (List<String> chunk : chunks) {
                p.lpush(queue, chunk);
            }
            p.execute();
        }
        sink.await();
        return sink.finish(clock, workload, consumer.name());
    }

    private static void awaitSubscriber(RedisClient<String> control, String channel) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Object reply = control.execute("PUBSUB", "NUMSUB", channel);
            if (reply instanceof List<?> l && l.size() == 2 && ((Number) l.get(1)).longValue() > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new VerificationException("no subscriber on " + channel + " after 10 s");
    }

    /** Zero-padded sequence number, then filler up to 64 bytes: the receiver checks order from the prefix. */
    static String payload(int seq) {
        StringBuilder sb = new StringBuilder(PAYLOAD_BYTES);
        String digits = Integer.toString(seq);
        for (int i = digits.length(); i < 10; i++) {
            sb.append('0');
        }
        sb.append(digits).append(':');
        while (sb.length() < PAYLOAD_BYTES) {
            sb.append('x');
        }
        return sb.toString();
    }

    private static String[] keys(String prefix, int n) {
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = prefix + i;
        }
        return keys;
    }

    private static String[] values(int n) {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = "value:" + i;
        }
        return values;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Receives items or messages, checks they come in sequence, and lets the workload wait for all of them (or
     * for the flow to stop for 5 s, which counts the rest as lost).
     */
    private static final class Ordered implements java.util.function.Consumer<String> {

        private final int expected;
        private final Object lock = new Object();
        private int received;
        private long outOfOrder;
        private long lastNanos;

        Ordered(int expected) {
            this.expected = expected;
        }

        @Override
        public void accept(String payload) {
            int seq = Integer.parseInt(payload, 0, 10, 10);
            synchronized (lock) {
                if (seq != received) {
                    outOfOrder++;
                }
                received++;
                lastNanos = System.nanoTime();
                if (received >= expected) {
                    lock.notifyAll();
                }
            }
        }

        void await() {
            synchronized (lock) {
                long idleSince = System.nanoTime();
                int seen = received;
                while (received < expected) {
                    try {
                        lock.wait(100);
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

        Sample finish(Clock clock, String workload, String contender) {
            synchronized (lock) {
                if (outOfOrder > 0) {
                    throw new VerificationException(contender + ": " + workload + " delivered " + outOfOrder
                            + " items out of order");
                }
                long lost = expected - received;
                Sample s = clock.stop(workload, contender, received, null, lost);
                // The clock ends at the last delivery, not when the wait noticed it.
                long nanos = lastNanos - clock.startNanos();
                return new Sample(s.workload(), s.contender(), s.operations(), Math.max(1, nanos), s.p50Micros(),
                        s.p99Micros(), s.bytesPerOp(), lost, s.cpuNanosPerOp());
            }
        }
    }
}
