package io.respkit.cluster;

import io.respkit.RedisClusterClient;
import io.respkit.exceptions.RedisException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Randomized synchronous GET/SET traffic from several threads over keys in every slot, every reply checked. Each
 * thread owns its keys, so it knows what a read must return: the last acknowledged write, or the value of a write
 * whose outcome it never learned (it failed after it may have been sent). Values carry their key, so a reply meant for
 * another command is caught as misrouted.
 *
 * <p>Thread-safe: {@link #start}, {@link #stop} and the getters may be called from the test thread.
 */
final class ClusterTraffic {

    /** One failed call: when it ended, what it was, and the exception. */
    record Failure(long atNanos, String what, RedisException error) {
    }

    private final RedisClusterClient<String> client;
    private final int threads;
    private final int keysPerThread;
    /** How many of the threads send pipelines of 20 commands instead of single commands. */
    private final int pipelineThreads;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong misrouted = new AtomicLong();
    final AtomicLong stale = new AtomicLong();
    final AtomicLong maxCallNanos = new AtomicLong();
    /** The slowest call: what it was, when it ended and how it ended, for the log. */
    volatile String slowest = "";
    final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    ClusterTraffic(RedisClusterClient<String> client, int threads, int keysPerThread) {
        this(client, threads, keysPerThread, 0);
    }

    ClusterTraffic(RedisClusterClient<String> client, int threads, int keysPerThread, int pipelineThreads) {
        this.client = client;
        this.threads = threads;
        this.keysPerThread = keysPerThread;
        this.pipelineThreads = pipelineThreads;
    }

    static String key(int thread, int i) {
        return "t" + thread + ":k" + i;
    }

    void start() {
        running.set(true);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                if (id < pipelineThreads) {
                    runPipelines(id);
                } else {
                    run(id);
                }
            }, "cluster-traffic-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread w : workers) {
            w.join(30_000);
        }
    }

    private void run(int id) {
        Map<String, String> acknowledged = new HashMap<>();
        Map<String, String> unknown = new HashMap<>(); // key -> value of a write with no known outcome
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
        Map<String, String> acknowledged = new HashMap<>();
        Map<String, String> unknown = new HashMap<>();
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
                List<Object> results = client.pipelined(p -> {
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

    /** When the last failed call ended, or 0 when none failed. */
    long lastFailureAt() {
        long last = 0;
        for (Failure f : failures) {
            last = Math.max(last, f.atNanos());
        }
        return last;
    }

    /** A short summary for the test log. */
    String summary() {
        return calls.get() + " calls, " + failures.size() + " failed, " + misrouted.get() + " misrouted, "
                + stale.get() + " stale, longest call " + maxCallNanos.get() / 1_000_000 + " ms (" + slowest + ")";
    }
}
