package io.respkit.benchmarks.jmh;

import io.respkit.benchmarks.Driver;
import io.respkit.benchmarks.VerificationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * JMH version of {@code mt_get_64}: 64 threads share one thread-safe client (pools sized to the threads, Lettuce's
 * one shared connection, respkit pooled and multiplexed) and run synchronous GETs of random keys, each verified.
 *
 * <p>Thread-safe: the shared state is read-only after set-up and the clients are thread-safe.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
public class MultiThreadedGetBenchmarks {

    private static final int KEYS = 1_000;

    /** The contender. */
    @Param({"respkit", "respkit-mux", "jedis", "lettuce", "spring-data-redis"})
    public String client;

    private JmhTarget target;
    private Driver driver;
    private final String[] keys = new String[KEYS];
    private final String[] values = new String[KEYS];

    /** Connects (starting a server when {@code bench.port} is not set) and preloads the keys. */
    @Setup(Level.Trial)
    public void setUp() {
        target = new JmhTarget(client, 64);
        driver = target.driver();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "jmh:mt:" + i;
            values[i] = "value:" + i;
        }
        driver.pipelineSet(keys, values, 0, KEYS);
    }

    /** Closes the client and the server it started. */
    @TearDown(Level.Trial)
    public void tearDown() {
        target.close();
    }

    /**
     * One GET of a random key.
     *
     * @return the value
     */
    @Benchmark
    public String get() {
        int k = ThreadLocalRandom.current().nextInt(KEYS);
        String v = driver.get(keys[k]);
        if (!values[k].equals(v)) {
            throw new VerificationException(client + ": GET " + keys[k] + " read " + v);
        }
        return v;
    }
}
