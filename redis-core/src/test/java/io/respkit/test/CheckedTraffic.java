package io.respkit.test;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.exceptions.RedisException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Randomized synchronous GET/SET traffic from several threads (over keys in every slot, on a cluster), every reply
 * checked, for the fault tests of Redis Cluster and Redis Sentinel clients. Each
 * thread owns its keys, so it knows what a read must return: the last acknowledged write, or the value of a write
 * whose outcome it never learned (it failed after it may have been sent). Values carry their key, so a reply meant for
 * another command is caught as misrouted.
 *
 * <p>Thread-safe: {@link #start}, {@link #stop} and the getters may be called from the test thread.
 */
public final class CheckedTraffic {

    /** One failed call: when it ended, what it was, and the exception. */
    public record Failure(long atNanos, String what, RedisException error) {
    }

    private static final int RING = 1 << 16;

    private final RedisCommands<String> client;
    private final Function<Consumer<RedisPipelineCommands<String>>, List<Object>> pipelined;
    private final int threads;
    private final int keysPerThread;
    /** How many of the threads send pipelines of 20 commands instead of single commands. */
    private final int pipelineThreads;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();
    public final AtomicLong calls = new AtomicLong();
    public final AtomicLong misrouted = new AtomicLong();
    public final AtomicLong stale = new AtomicLong();
    public final AtomicLong maxCallNanos = new AtomicLong();
    /** The slowest call: what it was, when it ended and how it ended, for the log. */
    public volatile String slowest = "";
    public final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    /** Per thread: the last acknowledged value of each key, and the value of a later write with no known outcome. */
    private final List<Map<String, String>> acknowledgedByThread = new ArrayList<>();
    private final List<Map<String, String>> unknownByThread = new ArrayList<>();
    /** Per thread: a ring of the start times of acknowledged single SETs, and how many were written. */
    private final List<long[]> writeStarts = new ArrayList<>();
    private final List<AtomicLong> writeCounts = new ArrayList<>();

    public CheckedTraffic(RedisClusterClient<String> client, int threads, int keysPerThread) {
        this(client, threads, keysPerThread, 0);
    }

    public CheckedTraffic(RedisClusterClient<String> client, int threads, int keysPerThread, int pipelineThreads) {
        this(client, body -> client.pipelined(body::accept), threads, keysPerThread, pipelineThreads);
    }

    public CheckedTraffic(RedisClient<String> client, int threads, int keysPerThread, int pipelineThreads) {
        this(client, body -> client.pipelined(body::accept), threads, keysPerThread, pipelineThreads);
    }

    private CheckedTraffic(RedisCommands<String> client,
            Function<Consumer<RedisPipelineCommands<String>>, List<Object>> pipelined, int threads, int keysPerThread,
            int pipelineThreads) {
        this.client = client;
        this.pipelined = pipelined;
        this.threads = threads;
        this.keysPerThread = keysPerThread;
        this.pipelineThreads = pipelineThreads;
        for (int t = 0; t < threads; t++) {
            acknowledgedByThread.add(new HashMap<>());
            unknownByThread.add(new HashMap<>());
            writeStarts.add(new long[RING]);
            writeCounts.add(new AtomicLong());
        }
    }

    public static String key(int thread, int i) {
        return "t" + thread + ":k" + i;
    }

    public void start() {
        running.set(true);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                if (id < pipelineThreads) {
                    runPipelines(id);
                } else {
                    run(id);
                }
            }, "checked-traffic-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
    }

    /**
     * Lets the traffic run for at least {@code duration} and at least one more call (a stalled client fails the
     * wait after 30 s more).
     *
     * @param duration how long
     */
    public void runFor(java.time.Duration duration) {
        long before = calls.get();
        org.awaitility.Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(30))
                .until(() -> calls.get() > before);
    }

    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread w : workers) {
            w.join(30_000);
        }
    }

    private void run(int id) {
        Map<String, String> acknowledged = acknowledgedByThread.get(id);
        Map<String, String> unknown = unknownByThread.get(id); // key -> value of a write with no known outcome
        long[] starts = writeStarts.get(id);
        AtomicLong written = writeCounts.get(id);
        long seq = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            String key = key(id, random.nextInt(keysPerThread));
            boolean write = random.nextBoolean();
            long start = System.nanoTime();
            String value = key + "=" + (++seq);
            String outcome = "ok";
            try {
                if (write) {
                    client.set(key, value);
                    acknowledged.put(key, value);
                    unknown.remove(key);
                    long n = written.get();
                    starts[(int) (n & (RING - 1))] = start;
                    written.lazySet(n + 1);
                } else {
                    String got = client.get(key);
                    check(key, got, acknowledged.get(key), unknown.get(key));
                    if (got != null) {
                        // what the server holds now is settled; an unknown write either won or was lost
                        acknowledged.put(key, got);
                        unknown.remove(key);
                    }
                }
            } catch (RedisException e) {
                outcome = e.toString();
                failures.add(new Failure(System.nanoTime(), (write ? "SET " : "GET ") + key, e));
                if (write) {
                    unknown.put(key, value);
                }
            } catch (RuntimeException e) {
                problems.add("unexpected " + e);
            } finally {
                long took = System.nanoTime() - start;
                if (took > maxCallNanos.get()) {
                    slowest = (write ? "SET " : "GET ") + key + " ended at " + System.nanoTime() + ": " + outcome;
                }
                maxCallNanos.accumulateAndGet(took, Math::max);
                calls.incrementAndGet();
            }
        }
    }

    /** Batches of 10 SETs and 10 GETs of the thread's own keys, the GETs checked against earlier batches. */
    @SuppressWarnings("unchecked")
    private void runPipelines(int id) {
        Map<String, String> acknowledged = acknowledgedByThread.get(id);
        Map<String, String> unknown = unknownByThread.get(id);
        long seq = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            Map<String, String> writes = new HashMap<>();
            List<String> reads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String key = key(id, random.nextInt(keysPerThread));
                writes.put(key, key + "=" + (++seq));
            }
            for (int i = 0; i < 10; i++) {
                String key = key(id, random.nextInt(keysPerThread));
                if (!writes.containsKey(key)) {
                    reads.add(key);
                }
            }
            long start = System.nanoTime();
            try {
                List<Object> results = pipelined.apply(p -> {
                    writes.forEach(p::set);
                    reads.forEach(p::get);
                });
                for (int i = 0; i < reads.size(); i++) {
                    String key = reads.get(i);
                    String got = (String) results.get(writes.size() + i);
                    check(key, got, acknowledged.get(key), unknown.get(key));
                    if (got != null) {
                        acknowledged.put(key, got);
                        unknown.remove(key);
                    }
                }
                acknowledged.putAll(writes);
                writes.keySet().forEach(unknown::remove);
            } catch (RedisException e) {
                failures.add(new Failure(System.nanoTime(), "pipeline", e));
                unknown.putAll(writes);
            } catch (RuntimeException e) {
                problems.add("unexpected " + e);
            } finally {
                maxCallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                calls.addAndGet(writes.size() + reads.size());
            }
        }
    }

    private void check(String key, String got, String expected, String maybe) {
        if (got != null && !got.startsWith(key + "=")) {
            misrouted.incrementAndGet();
            problems.add("GET " + key + " returned a value of another key: " + got);
            return;
        }
        if (got == null ? expected == null : got.equals(expected) || got.equals(maybe)) {
            return;
        }
        if (got == null && maybe == null && expected != null) {
            stale.incrementAndGet();
            problems.add("GET " + key + " lost acknowledged " + expected);
            return;
        }
        if (got != null && expected != null && !got.equals(maybe)) {
            stale.incrementAndGet();
            problems.add("GET " + key + " returned " + got + " instead of acknowledged " + expected);
        }
    }

    /**
     * After {@link #stop()}: the writes whose acknowledgement the server no longer holds. Reads every key of every
     * thread through {@code reader} and reports each key whose value is neither the last acknowledged one nor that of
     * a later write with no known outcome.
     *
     * @param reader reads a key, e.g. from the new primary
     * @return one line per lost write
     */
    public List<String> lostWrites(Function<String, String> reader) {
        List<String> lost = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Map<String, String> unknown = unknownByThread.get(t);
            for (Map.Entry<String, String> e : acknowledgedByThread.get(t).entrySet()) {
                String got = reader.apply(e.getKey());
                if (!e.getValue().equals(got) && !(got != null && got.equals(unknown.get(e.getKey())))) {
                    lost.add(e.getKey() + ": acknowledged " + e.getValue() + ", server holds " + got);
                }
            }
        }
        return lost;
    }

    /**
     * The first acknowledged single {@code SET} sent at or after {@code nanos}, as its start time, or 0 when none (in
     * the recent history this keeps).
     *
     * @param nanos a {@link System#nanoTime()}
     * @return the earliest start time of an acknowledged write sent at or after it
     */
    public long firstWriteSentAfter(long nanos) {
        long first = 0;
        for (int t = 0; t < threads; t++) {
            long[] starts = writeStarts.get(t);
            long n = writeCounts.get(t).get();
            for (long i = Math.max(0, n - RING); i < n; i++) {
                long s = starts[(int) (i & (RING - 1))];
                if (s - nanos >= 0 && (first == 0 || s - first < 0)) {
                    first = s;
                }
            }
        }
        return first;
    }

    /** When the last failed call ended, or 0 when none failed. */
    public long lastFailureAt() {
        long last = 0;
        for (Failure f : failures) {
            last = Math.max(last, f.atNanos());
        }
        return last;
    }

    /** A short summary for the test log. */
    public String summary() {
        return calls.get() + " calls, " + failures.size() + " failed, " + misrouted.get() + " misrouted, "
                + stale.get() + " stale, longest call " + maxCallNanos.get() / 1_000_000 + " ms (" + slowest + ")";
    }
}
