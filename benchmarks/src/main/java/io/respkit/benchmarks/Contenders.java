package io.respkit.benchmarks;

import io.respkit.benchmarks.drivers.JedisDriver;
import io.respkit.benchmarks.drivers.LettuceDriver;
import io.respkit.benchmarks.drivers.RespkitDriver;
import io.respkit.benchmarks.drivers.SpringDataDriver;
import io.respkit.benchmarks.listener.ListenerQueueConsumer;
import io.respkit.benchmarks.stream.RespkitStreamContender;
import io.respkit.benchmarks.stream.SpringStreamContender;
import io.respkit.benchmarks.stream.StreamContender;

import java.util.List;
import java.util.function.Supplier;

/**
 * Which contenders take part in which workload, and how each is created: fresh for every run, so no run inherits
 * another's connections or warm caches.
 *
 * <p>Thread-safe: stateless.
 */
public final class Contenders {

    /** The peers respkit is compared with; the best of them is the reference for each ratio. */
    public static final List<String> PEERS = List.of("jedis", "lettuce", "spring-data-redis");
    /** Items per round trip of the batch listener contender. */
    public static final int LISTENER_BATCH = 100;

    private Contenders() {
    }

    /**
     * Creates one driver by its report name, for the JMH benchmarks.
     *
     * @param name {@code respkit}, {@code respkit-mux}, {@code jedis}, {@code lettuce} or {@code spring-data-redis}
     * @param host the server host
     * @param port the server port
     * @param threads how many threads will call it: pools are sized to it, and Jedis is pooled above one
     * @return the driver
     * @throws IllegalArgumentException for an unknown name
     */
    public static Driver create(String name, String host, int port, int threads) {
        int pool = Math.max(8, threads);
        return switch (name) {
            case "respkit" -> RespkitDriver.pooled(host, port, pool);
            case "respkit-mux" -> RespkitDriver.multiplexed(host, port, pool);
            case "jedis" -> threads > 1 ? JedisDriver.pooled(host, port, pool) : JedisDriver.single(host, port);
            case "lettuce" -> new LettuceDriver(host, port);
            case "spring-data-redis" -> new SpringDataDriver(host, port, pool);
            default -> throw new IllegalArgumentException("unknown contender " + name);
        };
    }

    /**
     * Returns the drivers for a single-connection workload, respkit first.
     *
     * @param host the server host
     * @param port the server port
     * @param withMux whether respkit's multiplexed mode takes part too
     * @return suppliers of fresh drivers
     */
    public static List<Supplier<Driver>> singleConnection(String host, int port, boolean withMux) {
        Supplier<Driver> respkit = () -> RespkitDriver.pooled(host, port, 8);
        Supplier<Driver> mux = () -> RespkitDriver.multiplexed(host, port, 8);
        Supplier<Driver> jedis = () -> JedisDriver.single(host, port);
        Supplier<Driver> lettuce = () -> new LettuceDriver(host, port);
        Supplier<Driver> spring = () -> new SpringDataDriver(host, port, 8);
        return withMux ? List.of(respkit, mux, jedis, lettuce, spring) : List.of(respkit, jedis, lettuce, spring);
    }

    /**
     * Returns the drivers for a multi-threaded workload: pools sized to the threads, Lettuce's one shared
     * connection, respkit pooled and multiplexed.
     *
     * @param host the server host
     * @param port the server port
     * @param threads the number of threads
     * @return suppliers of fresh drivers
     */
    public static List<Supplier<Driver>> multiThreaded(String host, int port, int threads) {
        return List.of(() -> RespkitDriver.pooled(host, port, threads),
                () -> RespkitDriver.multiplexed(host, port, threads),
                () -> JedisDriver.pooled(host, port, threads),
                () -> new LettuceDriver(host, port),
                () -> new SpringDataDriver(host, port, threads));
    }

    /**
     * Returns the drivers for a cluster workload, respkit first: each client's cluster client with a pool per node
     * sized to the threads where it pools (Lettuce shares one connection per node). Spring Data Redis is left out:
     * over Lettuce it adds the template's overhead to Lettuce's cluster client, measured on one server already.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (all of them are given as seeds)
     * @param threads the number of threads that will call each driver
     * @param withMux whether respkit's multiplexed mode takes part too
     * @return suppliers of fresh drivers
     */
    public static List<Supplier<Driver>> cluster(String host, List<Integer> ports, int threads, boolean withMux) {
        int pool = Math.max(8, threads);
        Supplier<Driver> respkit = () -> RespkitDriver.clusterPooled(host, ports, pool);
        Supplier<Driver> mux = () -> RespkitDriver.clusterMultiplexed(host, ports, pool);
        Supplier<Driver> jedis = () -> JedisDriver.cluster(host, ports, pool);
        Supplier<Driver> lettuce = () -> LettuceDriver.cluster(host, ports);
        return withMux ? List.of(respkit, mux, jedis, lettuce) : List.of(respkit, jedis, lettuce);
    }

    /**
     * Returns the queue consumers: hand-written BRPOP loops over each client, and respkit's {@code @RedisListener}
     * container, plain and batched.
     *
     * @param host the server host
     * @param port the server port
     * @return suppliers of fresh consumers
     */
    public static List<Supplier<QueueConsumer>> queueConsumers(String host, int port) {
        String url = "redis://" + host + ":" + port;
        return List.of(() -> QueueConsumer.brpopLoop(RespkitDriver.pooled(host, port, 2)),
                () -> new ListenerQueueConsumer("respkit @RedisListener", url, 1),
                () -> new ListenerQueueConsumer("respkit @RedisListener batch=" + LISTENER_BATCH, url,
                        LISTENER_BATCH),
                () -> QueueConsumer.brpopLoop(JedisDriver.single(host, port)),
                () -> QueueConsumer.brpopLoop(new LettuceDriver(host, port)),
                () -> QueueConsumer.brpopLoop(new SpringDataDriver(host, port, 2)));
    }

    /**
     * Returns the stream consumers, all reading {@value #LISTENER_BATCH} entries at a time: respkit's
     * {@code StreamConsumer} with a per-entry handler ({@code respkit}) and with a batch handler
     * ({@code respkit-batch}), and Spring Data Redis's {@code StreamMessageListenerContainer}
     * ({@code spring-data-redis}). Jedis and Lettuce have no stream listener of their own and are left out.
     *
     * @param host the server host
     * @param port the server port
     * @return suppliers of fresh consumers
     */
    public static List<Supplier<StreamContender>> streamConsumers(String host, int port) {
        return List.of(() -> new RespkitStreamContender("respkit", host, port, LISTENER_BATCH, false),
                () -> new RespkitStreamContender("respkit-batch", host, port, LISTENER_BATCH, true),
                () -> new SpringStreamContender(host, port, LISTENER_BATCH));
    }
}
