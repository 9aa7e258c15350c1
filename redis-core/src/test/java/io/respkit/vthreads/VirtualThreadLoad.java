package io.respkit.vthreads;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.PoolConfig;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * The child JVM of {@link VirtualThreadPinningIntegrationTests}, run on a JDK with virtual threads (21+; this class
 * compiles for 17, so the virtual-thread executor is looked up reflectively): thousands of virtual threads drive a
 * pooled client whose small pool grows under contention, a multiplexed client whose shared connection they all open
 * at once, and a subscriber that several of them read, subscribe and unsubscribe concurrently while it is cut off
 * and reconnects. It records pinning ({@code jdk.VirtualThreadPinned}), monitor waits and contended monitor
 * entries with the settings the parent gives, after an unrecorded warm-up. As a control, one virtual thread parks
 * inside a class initializer, which pins on every JDK so far: the recording must show that event.
 *
 * <p>Arguments: {@code host port settingsFile jfrFile resultFile}. The result file holds the counts per phase; the
 * exit code is 0 when every command got its own reply. Not thread-safe; one run per JVM.
 */
public final class VirtualThreadLoad {

    private static final Logger log = LoggerFactory.getLogger(VirtualThreadLoad.class);

    static final int THREADS = 5_000;
    static final int ROUNDS = 10;
    static final int POOL_SIZE = 8;

    private VirtualThreadLoad() {
    }

    /** Parks in its initializer: a virtual thread initializing it stays pinned, the recording's known event. */
    static final class PinProbe {
        static {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }

        static void touch() {
            // initializes the class
        }
    }

    /**
     * Runs the load.
     *
     * @param args {@code host port settingsFile jfrFile resultFile}
     * @throws Exception when the run fails; the exit code is then not 0
     */
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path settings = Path.of(args[2]);
        Path jfr = Path.of(args[3]);
        Path result = Path.of(args[4]);
        RedisConfig base = RedisConfig.builder().host(host).port(port).timeout(Duration.ofSeconds(30)).build();
        // Unrecorded, on a few threads: loads and initializes the classes every phase uses, since a virtual thread
        // waiting for another to load or initialize a class is pinned on every JDK so far, whoever's class it is.
        Properties warm = new Properties();
        AtomicLong warmWrong = new AtomicLong();
        load(base, 50, warm, warmWrong);

        Properties out = new Properties();
        AtomicLong wrong = new AtomicLong();
        Object recording = FlightRecording.start(settings);
        runAll(List.of(() -> {
            PinProbe.touch();
            return null;
        }));
        load(base, THREADS, out, wrong);
        FlightRecording.stop(recording, jfr);
        out.setProperty("wrong", Long.toString(wrong.get() + warmWrong.get()));
        try (OutputStream o = Files.newOutputStream(result)) {
            out.store(o, "VirtualThreadLoad");
        }
        if (wrong.get() + warmWrong.get() != 0) {
            log.error("{} commands got a wrong reply or failed", wrong.get() + warmWrong.get());
            System.exit(1);
        }
    }

    /** The three phases, each on {@code threads} virtual threads. */
    private static void load(RedisConfig base, int threads, Properties out, AtomicLong wrong) throws Exception {
        try (RedisClient<String> pooled = RedisClient.create(base.toBuilder().pool(PoolConfig.builder()
                .maxTotal(POOL_SIZE).maxIdle(POOL_SIZE).maxWait(Duration.ofSeconds(60)).build()).build())) {
            out.setProperty("pooled.ops", Long.toString(setGet(pooled, "pooled", threads, wrong)));
            out.setProperty("pooled.created", Long.toString(pooled.pool().stats().created()));
        }
        try (RedisClient<String> mux = RedisClient.create(base.toBuilder().multiplexed(true).build())) {
            out.setProperty("mux.ops", Long.toString(setGet(mux, "mux", threads, wrong)));
        }
        try (RedisClient<String> client = RedisClient.create(base)) {
            pubSub(client, out, wrong);
        }
    }

    /** {@code threads} virtual threads, each {@value #ROUNDS} SET and GET of its own key; returns the commands. */
    private static long setGet(RedisClient<String> redis, String name, int threads, AtomicLong wrong)
            throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        AtomicLong ops = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            String key = "vt:" + name + ":" + t;
            tasks.add(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    String value = key + ":" + i;
                    redis.set(key, value);
                    if (!value.equals(redis.get(key))) {
                        wrong.incrementAndGet();
                    }
                    ops.addAndGet(2);
                }
                return null;
            });
        }
        long start = System.nanoTime();
        runAll(tasks);
        log.info("{}: {} commands from {} virtual threads in {} ms", name, ops.get(), threads,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return ops.get();
    }

    /**
     * One subscriber, read by two virtual threads at once and changed by a hundred more, published to by fifty,
     * and cut off once by {@code CLIENT KILL TYPE pubsub} so that it reconnects on a reading virtual thread.
     */
    private static void pubSub(RedisClient<String> client, Properties out, AtomicLong wrong) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (Subscriber<String> sub = client.subscriber().ignoreSubscribeMessages(true)) {
            sub.subscribe("vt:news");
            ExecutorService readers = virtualThreads();
            List<Future<?>> reading = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                reading.add(readers.submit(() -> {
                    while (!stop.get()) {
                        PubSubMessage<String> m = sub.next(Duration.ofMillis(50));
                        if (m instanceof Message<String> msg && msg.channel().equals("vt:news")) {
                            received.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<Callable<Void>> changers = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                String own = "vt:own:" + t;
                changers.add(() -> {
                    for (int i = 0; i < 20; i++) {
                        sub.subscribe(own);
                        sub.unsubscribe(own);
                    }
                    return null;
                });
            }
            for (int t = 0; t < 50; t++) {
                changers.add(() -> {
                    for (int i = 0; i < 20; i++) {
                        client.publish("vt:news", "m");
                    }
                    return null;
                });
            }
            runAll(changers);
            long before = received.get();
            client.execute("CLIENT", "KILL", "TYPE", "pubsub");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                client.publish("vt:news", "after");
                return sub.reconnects() >= 1 && received.get() > before;
            });
            stop.set(true);
            for (Future<?> f : reading) {
                f.get(30, TimeUnit.SECONDS);
            }
            readers.shutdown();
            out.setProperty("pubsub.received", Long.toString(received.get()));
            out.setProperty("pubsub.reconnects", Long.toString(sub.reconnects()));
            if (!sub.channels().equals(java.util.Set.of("vt:news"))) {
                wrong.incrementAndGet();
            }
        }
    }

    /** Runs every task on a virtual thread of its own and waits for all; a failure counts as a wrong reply. */
    private static void runAll(List<? extends Callable<?>> tasks) throws Exception {
        ExecutorService executor = virtualThreads();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Callable<?> task : tasks) {
                futures.add(executor.submit(task));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdown();
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("virtual threads still running");
            }
        }
    }

    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    /**
     * A flight recording through {@code jdk.jfr}, reflectively: this test code is compiled into redis-core's module,
     * which does not read {@code jdk.jfr}.
     */
    private static final class FlightRecording {

        static Object start(Path settings) throws ReflectiveOperationException {
            Class<?> configuration = Class.forName("jdk.jfr.Configuration");
            Object config = configuration.getMethod("create", Path.class).invoke(null, settings);
            Object recording = Class.forName("jdk.jfr.Recording").getConstructor(configuration).newInstance(config);
            recording.getClass().getMethod("start").invoke(recording);
            return recording;
        }

        static void stop(Object recording, Path file) throws ReflectiveOperationException {
            recording.getClass().getMethod("stop").invoke(recording);
            recording.getClass().getMethod("dump", Path.class).invoke(recording, file);
            recording.getClass().getMethod("close").invoke(recording);
        }
    }
}
