package io.respkit.benchmarks.jmh;

import io.respkit.benchmarks.Driver;
import io.respkit.benchmarks.VerificationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the single-connection workloads, one client per {@code client} parameter, with replies verified
 * in every invocation. Run with {@code benchmarks/run.sh --jmh} (which adds {@code -prof gc} for bytes per
 * operation); the server is {@code -Dbench.port} on 127.0.0.1, or one started for the trial.
 *
 * <p>Not thread-safe: JMH runs it on one thread ({@link MultiThreadedGetBenchmarks} covers many).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientBenchmarks {

    private static final int KEYS = 10_000;
    private static final int BATCH = 1_000;
    private static final Map<String, String> USER = Map.of("id", "1", "user", "zhangsan", "age", "18");

    /** The contender. */
    @Param({"respkit", "jedis", "lettuce", "spring-data-redis"})
    public String client;

    private JmhTarget target;
    private Driver driver;
    private final String[] keys = new String[KEYS];
    private final String[] values = new String[KEYS];
    private final String[] out = new String[KEYS];
    private int next;

    /** Connects (starting a server when {@code bench.port} is not set) and preloads the keys. */
    @Setup(Level.Trial)
    public void setUp() {
        target = new JmhTarget(client, 1);
        driver = target.driver();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "jmh:" + i;
            values[i] = "value:" + i;
        }
        for (int from = 0; from < KEYS; from += BATCH) {
            driver.pipelineSet(keys, values, from, from + BATCH);
        }
    }

    /** Closes the client and the server it started. */
    @TearDown(Level.Trial)
    public void tearDown() {
        target.close();
    }

    private int nextBatch() {
        int from = next;
        next = (next + BATCH) % KEYS;
        return from;
    }

    /**
     * One pipeline of 1,000 SETs.
     *
     * @return the OK count, so JMH keeps the work
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pipelineSet() {
        int from = nextBatch();
        int ok = driver.pipelineSet(keys, values, from, from + BATCH);
        if (ok != BATCH) {
            throw new VerificationException(client + ": " + ok + " OK of " + BATCH);
        }
        return ok;
    }

    /**
     * One pipeline of 1,000 GETs.
     *
     * @return the last value read
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public String pipelineGet() {
        int from = nextBatch();
        driver.pipelineGet(keys, from, from + BATCH, out);
        for (int i = from; i < from + BATCH; i++) {
            if (!values[i].equals(out[i])) {
                throw new VerificationException(client + ": GET " + keys[i] + " read " + out[i]);
            }
        }
        return out[from];
    }

    /**
     * One SET and one GET of the same key.
     *
     * @return the value read
     */
    @Benchmark
    @OperationsPerInvocation(2)
    public String setGet() {
        int i = next;
        next = (next + 1) % KEYS;
        driver.set(keys[i], values[i]);
        String v = driver.get(keys[i]);
        if (!values[i].equals(v)) {
            throw new VerificationException(client + ": GET " + keys[i] + " read " + v);
        }
        return v;
    }

    /**
     * HSET of 3 fields, HGETALL and HINCRBY on one key.
     *
     * @return the incremented value
     */
    @Benchmark
    public long hashMix() {
        String key = "jmh:hash:" + (next++ % KEYS);
        driver.hset(key, USER);
        Map<String, String> all = driver.hgetall(key);
        long age = driver.hincrby(key, "age", -10);
        if (all.size() != 3 || age != Long.parseLong(all.get("age")) - 10) {
            throw new VerificationException(client + ": hash_mix read " + all + ", " + age);
        }
        return age;
    }
}
