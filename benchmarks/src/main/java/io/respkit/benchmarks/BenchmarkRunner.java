package io.respkit.benchmarks;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.benchmarks.stream.StreamContender;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.RedisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The plain side-by-side runner behind {@code benchmarks/run.sh}: starts its own {@code redis-server} (or uses
 * {@code --port}), runs every workload against every contender interleaved (A B C, A B C, ...) for several rounds,
 * each run preceded by an unmeasured warm-up on the same fresh client (a fifth of the run; the whole run again for
 * the pipelines and pub/sub, whose runs last a fraction of a second), adds {@code redis-benchmark}'s ceiling rows,
 * and writes the medians, spreads and ratios to {@code docs/benchmarks.md}. The {@code cluster_*} workloads run the
 * same way against a local Redis Cluster of {@value #CLUSTER_PRIMARIES} primaries ({@link LocalCluster}), started
 * only when one of them is wanted.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class BenchmarkRunner {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkRunner.class);
    private static final double WARMUP = 0.2;
    /** Primaries of the cluster {@link #main} starts for the cluster workloads. */
    static final int CLUSTER_PRIMARIES = 3;
    /** The workloads that need a cluster. */
    static final List<String> CLUSTER_WORKLOADS = List.of("cluster_pipeline_set", "cluster_mt_get_64");

    private final String host;
    private final int port;
    private final List<Integer> clusterPorts;
    private final Options options;
    private final Report report = new Report();
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * What to run.
     *
     * @param rounds interleaved rounds per workload
     * @param scale multiplies every count and duration: 1 for the real run, tiny for a smoke pass
     * @param redisBenchmark whether to add the {@code redis-benchmark} rows
     * @param only workload names to run, empty for all
     */
    public record Options(int rounds, double scale, boolean redisBenchmark, List<String> only) {
    }

    private BenchmarkRunner(String host, int port, List<Integer> clusterPorts, Options options) {
        this.host = host;
        this.port = port;
        this.clusterPorts = List.copyOf(clusterPorts);
        this.options = options;
    }

    /**
     * Runs the benchmarks against a server.
     *
     * @param host the server host (loopback)
     * @param port the server port
     * @param options what to run
     * @return the report with every sample
     */
    public static Report run(String host, int port, Options options) {
        return run(host, port, List.of(), options);
    }

    /**
     * Runs the benchmarks against a server, and the cluster workloads against a cluster.
     *
     * @param host the server's and the cluster nodes' host (loopback)
     * @param port the server port
     * @param clusterPorts the cluster nodes' ports, every one a seed; empty to skip the cluster workloads
     * @param options what to run
     * @return the report with every sample
     * @throws VerificationException when a contender returned a wrong reply or failed
     */
    public static Report run(String host, int port, List<Integer> clusterPorts, Options options) {
        BenchmarkRunner runner = new BenchmarkRunner(host, port, clusterPorts, options);
        try (RedisClient<String> control = RedisClient.create(RedisConfig.builder().host(host).port(port).build())) {
            runner.all(control);
        }
        if (!runner.clusterPorts.isEmpty()) {
            runner.cluster();
        }
        return runner.report;
    }

    /**
     * Returns whether the options ask for a workload that needs a cluster.
     *
     * @param options what to run
     * @return {@code true} when {@link #run(String, int, List, Options)} should be given one
     */
    public static boolean needsCluster(Options options) {
        return options.only().isEmpty() || options.only().stream().anyMatch(CLUSTER_WORKLOADS::contains);
    }

    /**
     * Command line: {@code [--rounds N] [--scale X] [--host H] [--port P] [--out FILE] [--no-redis-benchmark]
     * [--only w1,w2] [--samples FILE]}. With {@code --samples}, the samples are written there for a parent JVM
     * ({@code vthreads_get} on an older JVM) instead of the report.
     *
     * @param args the arguments
     * @throws IOException when the report cannot be written
     */
    public static void main(String[] args) throws IOException {
        int rounds = 3;
        double scale = 1;
        String host = "127.0.0.1";
        int port = 0;
        Path out = Path.of("docs/benchmarks.md");
        Path samples = null;
        boolean rb = true;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--no-redis-benchmark" -> rb = false;
                case "--only" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Options options = new Options(rounds, scale, rb && RedisBenchmarkTool.available(), only);
        LocalRedis own = port == 0 ? LocalRedis.start() : null;
        LocalCluster cluster = null;
        try {
            int p = own != null ? own.port() : port;
            if (needsCluster(options)) {
                cluster = LocalCluster.start(CLUSTER_PRIMARIES);
                log.info("Cluster of {} primaries on ports {}", CLUSTER_PRIMARIES, cluster.ports());
            }
            Report report = run(host, p, cluster == null ? List.of() : cluster.ports(), options);
            if (samples != null) {
                VirtualThreadsGet.write(report.samples().values().stream().flatMap(m -> m.values().stream())
                        .flatMap(List::stream).toList(), samples);
                return;
            }
            report.writeTo(out, header(options, cluster != null));
            log.info("Wrote {}", out.toAbsolutePath());
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            if (own != null) {
                own.close();
            }
        }
    }

    private void all(RedisClient<String> control) {
        int pairs = count(10_000);
        int pipelined = count(200_000);
        long mtMillis = Math.max(50, Math.round(10_000 * options.scale));
        int messages = count(200_000);
        int items = count(100_000);
        int iterations = count(10_000);
        if (wanted("seq_set_get")) {
            report.describe("seq_set_get", fmt(pairs) + " SET+GET pairs, sequential, one connection; ops are commands,"
                    + " latency per command");
            drivers(control, Contenders.singleConnection(host, port, true), d -> Workloads.seqSetGet(d, pairs,
                    prefix()), d -> Workloads.seqSetGet(d, warm(pairs), prefix()));
            ceiling(1, 1, pairs, pairs, "set,get", "seq_set_get", "seq_set_get");
        }
        if (wanted("pipeline_set")) {
            report.describe("pipeline_set", fmt(pipelined) + " SET in pipelines of 1,000, one connection");
            drivers(control, Contenders.singleConnection(host, port, false), d -> Workloads.pipelineSet(d,
                    pipelined, 1_000, prefix()), d -> Workloads.pipelineSet(d, pipelined, 1_000, prefix()));
        }
        if (wanted("pipeline_get")) {
            report.describe("pipeline_get", fmt(pipelined) + " GET in pipelines of 1,000, one connection");
            drivers(control, Contenders.singleConnection(host, port, false), d -> Workloads.pipelineGet(d,
                    pipelined, 1_000, prefix()), d -> Workloads.pipelineGet(d, pipelined, 1_000, prefix()));
            ceiling(1, 1_000, pipelined, pipelined, "set,get", "pipeline_set", "pipeline_get");
        }
        for (int threads : new int[] {16, 64}) {
            String w = "mt_get_" + threads;
            if (wanted(w)) {
                report.describe(w, threads + " threads, synchronous GET of random keys among 1,000, for "
                        + mtMillis / 1000.0 + " s");
                drivers(control, Contenders.multiThreaded(host, port, threads), d -> Workloads.mtGet(d, threads,
                        mtMillis, prefix()), d -> Workloads.mtGet(d, threads, Math.max(20, mtMillis / 5), prefix()));
                ceiling(threads, 1, Math.max(10_000, count(threads * 6_000)), Workloads.MT_KEYS, "set,get", null, w);
            }
        }
        if (wanted("hash_mix")) {
            report.describe("hash_mix", fmt(iterations) + " iterations of HSET (3 fields) + HGETALL + HINCRBY; ops are"
                    + " iterations, latency per iteration");
            drivers(control, Contenders.singleConnection(host, port, true), d -> Workloads.hashMix(d, iterations,
                    prefix()), d -> Workloads.hashMix(d, warm(iterations), prefix()));
        }
        if (wanted("pubsub")) {
            report.describe("pubsub", fmt(messages) + " messages of 64 bytes to one subscriber (published by one"
                    + " common pipelined publisher); ops are messages delivered, in order");
            drivers(control, Contenders.singleConnection(host, port, false), d -> Workloads.pubsub(d, control,
                    messages, prefix()), d -> Workloads.pubsub(d, control, messages, prefix()));
        }
        if (wanted("queue")) {
            report.describe("queue", fmt(items) + " items LPUSHed (1,000 per command) while one consumer waits;"
                    + " ops are items consumed, FIFO");
            for (int r = 0; r < options.rounds; r++) {
                for (Supplier<QueueConsumer> s : Contenders.queueConsumers(host, port)) {
                    try (QueueConsumer warm = s.get()) {
                        Workloads.queue(warm, control, warm(items), prefix(), "queue");
                    }
                    control.flushall();
                    try (QueueConsumer c = s.get()) {
                        record(Workloads.queue(c, control, items, prefix(), "queue"));
                    }
                    control.flushall();
                }
            }
        }
        if (wanted("stream")) {
            stream(control, count(100_000));
        }
        if (wanted(VirtualThreadsGet.WORKLOAD)) {
            virtualThreads(control, mtMillis);
        }
    }

    /**
     * {@code vthreads_get}: here on Java 21+, else in a child JVM on a JDK 21+ (skipped, with a warning, when there
     * is none).
     */
    private void virtualThreads(RedisClient<String> control, long millis) {
        report.describe(VirtualThreadsGet.WORKLOAD, "respkit's default client (a pool of 16), synchronous GET of random"
                + " keys among 1,000 for " + millis / 1000.0 + " s: " + VirtualThreadsGet.VIRTUAL_THREADS + " virtual"
                + " threads against " + VirtualThreadsGet.PLATFORM_THREADS + " platform threads, in one JVM on Java"
                + " 21+ (a child JVM when the runner's is older); latency from one histogram shared by the threads");
        if (!VirtualThreadsGet.inProcess()) {
            VirtualThreadsGet.inChildJvm(host, port, options.rounds(), options.scale()).forEach(this::record);
            return;
        }
        for (int r = 0; r < options.rounds(); r++) {
            VirtualThreadsGet.round(host, port, millis, Math.max(20, millis / 5), this::prefix, control::flushall)
                    .forEach(this::record);
        }
    }

    /** {@code stream}: the contenders interleaved per round, each warmed up on a fresh instance first. */
    private void stream(RedisClient<String> control, int entries) {
        report.describe("stream", fmt(entries) + " entries (one 64-byte field) already in a stream, consumed by one"
                + " consumer of a group: reads of " + Contenders.LISTENER_BATCH + ", each entry checked and"
                + " acknowledged (per entry, or per batch for respkit-batch); the clock stops when XPENDING is"
                + " empty");
        for (int r = 0; r < options.rounds; r++) {
            for (Supplier<StreamContender> s : Contenders.streamConsumers(host, port)) {
                try (StreamContender warm = s.get()) {
                    StreamWorkload.run(warm, control, warm(entries), prefix(), "stream");
                }
                control.flushall();
                try (StreamContender c = s.get()) {
                    record(StreamWorkload.run(c, control, entries, prefix(), "stream"));
                }
                control.flushall();
            }
        }
    }

    /** The cluster workloads: the same keys, values and verification as their single-server namesakes. */
    private void cluster() {
        int pipelined = count(200_000);
        long mtMillis = Math.max(50, Math.round(10_000 * options.scale));
        int threads = 64;
        ClusterConfig.Builder config = ClusterConfig.builder();
        clusterPorts.forEach(p -> config.seed(host, p));
        String where = " over a local cluster of " + clusterPorts.size() + " primaries (no replicas), keys in every"
                + " slot";
        try (RedisClusterClient<String> control = RedisClusterClient.create(config.build())) {
            Runnable flush = control::flushall;
            if (wanted("cluster_pipeline_set")) {
                report.describe("cluster_pipeline_set", fmt(pipelined) + " SET in pipelines of 1,000" + where
                        + "; each client's cluster pipeline");
                drivers(flush, Contenders.cluster(host, clusterPorts, 1, false), d -> Workloads.pipelineSet(
                        "cluster_pipeline_set", d, pipelined, 1_000, prefix()), d -> Workloads.pipelineSet(
                        "cluster_pipeline_set", d, pipelined, 1_000, prefix()));
            }
            if (wanted("cluster_mt_get_64")) {
                report.describe("cluster_mt_get_64", threads + " threads, synchronous GET of random keys among 1,000"
                        + where + ", for " + mtMillis / 1000.0 + " s");
                drivers(flush, Contenders.cluster(host, clusterPorts, threads, true), d -> Workloads.mtGet(
                        "cluster_mt_get_64", d, threads, mtMillis, prefix()), d -> Workloads.mtGet(
                        "cluster_mt_get_64", d, threads, Math.max(20, mtMillis / 5), prefix()));
            }
        }
    }

    private void drivers(RedisClient<String> control, List<Supplier<Driver>> contenders,
                         java.util.function.Function<Driver, Sample> measured,
                         java.util.function.Consumer<Driver> warmUp) {
        drivers(control::flushall, contenders, measured, warmUp);
    }

    private void drivers(Runnable flush, List<Supplier<Driver>> contenders,
                         java.util.function.Function<Driver, Sample> measured,
                         java.util.function.Consumer<Driver> warmUp) {
        for (int r = 0; r < options.rounds; r++) {
            for (Supplier<Driver> s : contenders) {
                try (Driver d = s.get()) {
                    warmUp.accept(d);
                    flush.run();
                    record(measured.apply(d));
                }
                flush.run();
            }
        }
    }

    private void ceiling(int clients, int pipeline, int requests, int keyspace, String tests, String... workloads) {
        if (!options.redisBenchmark) {
            return;
        }
        for (int r = 0; r < options.rounds; r++) {
            RedisBenchmarkTool.run(port, clients, pipeline, requests, keyspace, tests, workloads).forEach(this::record);
        }
    }

    private void record(Sample s) {
        report.add(s);
        log.info(String.format(Locale.ROOT, "%-13s %-34s %,12.0f ops/s  p50 %6.0f us  p99 %6.0f us  %,8.0f B/op%s",
                s.workload(), s.contender(), s.opsPerSecond(), s.p50Micros(), s.p99Micros(), s.bytesPerOp(),
                s.lost() > 0 ? "  LOST " + s.lost() : ""));
    }

    private boolean wanted(String workload) {
        return options.only.isEmpty() || options.only.contains(workload);
    }

    private int count(int full) {
        return Math.max(10, (int) Math.round(full * options.scale));
    }

    private static int warm(int n) {
        return Math.max(10, (int) (n * WARMUP));
    }

    private String prefix() {
        return "bench:" + runs.incrementAndGet() + ":";
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String header(Options options, boolean cluster) {
        return "Run of " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + command("redis-server", "--version")
                + ", a fresh server on a free loopback port. " + options.rounds() + " rounds, contenders interleaved"
                + " (A B C, A B C, ...), each run on a fresh client after an unmeasured warm-up (20% of the run; the"
                + " whole run for the pipelines and pub/sub, which last well under a second). Figures are"
                + " medians over the rounds with min–max; bytes/op counts heap allocation of every JVM thread"
                + " (the client's I/O threads included) divided by operations, CPU ns/op the JVM's CPU time (every"
                + " thread, JIT and GC included; the common publisher of pubsub and queue too) divided by operations."
                + " `respkit` is the default connection mode (adaptive), `respkit-mux` the multiplexed one."
                + " Ratios compare respkit with the best"
                + " of Jedis " + version("redis.clients", "jedis") + ", Lettuce "
                + version("io.lettuce", "lettuce-core") + " and Spring Data Redis "
                + version("org.springframework.data", "spring-data-redis")
                + " (over Lettuce, pooled) in the same run."
                + (cluster ? " The cluster_* workloads ran on a fresh local Redis Cluster of " + CLUSTER_PRIMARIES
                + " primaries (no replicas) on loopback, against each client's cluster client (Spring Data Redis"
                + " left out)." : "");
    }

    /** The version in the jar's Maven metadata, which every jar from Central has (Jedis sets no manifest version). */
    private static String version(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (var in = BenchmarkRunner.class.getResourceAsStream(path)) {
            if (in == null) {
                return "?";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = r.readLine();
                p.waitFor();
                return line == null ? String.join(" ", cmd) : line.replaceAll(" sha=.*", "");
            }
        } catch (IOException e) {
            return "redis-server (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "redis-server (version unknown)";
        }
    }
}
