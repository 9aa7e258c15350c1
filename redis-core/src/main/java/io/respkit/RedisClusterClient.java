package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.cluster.ClusterTopology;
import io.respkit.codec.RedisCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.internal.RawCommand;
import io.respkit.internal.cluster.ClusterRouter;
import io.respkit.internal.commands.KeyDefs;
import io.respkit.internal.commands.ScanStreams;
import io.respkit.pubsub.Subscriber;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The Redis client for a Redis Cluster: the same typed commands as {@link RedisClient} ({@link RedisCommands}), each
 * sent to the node serving its keys' hash slot, with a connection pool per node. Only the configuration differs:
 *
 * <pre>{@code
 * try (RedisClusterClient<String> redis = RedisClusterClient.create("redis-cluster://127.0.0.1:7000,127.0.0.1:7001")) {
 *     redis.set("k1", "v1");
 *     String v = redis.get("k1");
 * }
 * }</pre>
 *
 * <p>Routing: a command with keys goes to the primary of their slot (a read to a replica when
 * {@link ClusterConfig#readFrom()} allows); a command whose keys span slots is split per slot when it can be
 * ({@code MGET}, {@code MSET}, {@code DEL}, {@code EXISTS}, {@code TOUCH}, {@code UNLINK}, merged in argument order)
 * and refused before sending otherwise ({@link RedisCrossSlotException}); a keyless command goes to every primary or
 * node with the replies merged when the server's command tips say so ({@code KEYS}, {@code DBSIZE},
 * {@code FLUSHALL}, {@code SCRIPT LOAD}, {@code FUNCTION LOAD}, {@code RANDOMKEY}, {@code PING}, ...), else to any
 * primary. {@code MOVED} and {@code ASK} are followed, {@code TRYAGAIN} and {@code CLUSTERDOWN} retried within the
 * command's timeout, and the topology is refreshed periodically and when it changes; a write that may have run is
 * never sent again. See docs/cluster.md.
 *
 * <p>Thread-safe.
 *
 * @param <V> the value type, as for {@link RedisClient}
 */
public final class RedisClusterClient<V> implements RedisCommands<V>, AutoCloseable {

    private final ClusterRouter router;
    private final boolean ownsRouter;
    private final RedisCodec<V> codec;

    private RedisClusterClient(ClusterRouter router, boolean ownsRouter, RedisCodec<V> codec) {
        this.router = router;
        this.ownsRouter = ownsRouter;
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Connects to a cluster given by URL, such as {@code redis-cluster://:secret@h1:7000,h2:7001}, with string values.
     *
     * @param url the URL, see {@link ClusterConfig#fromUrl(String)}
     * @return the client
     * @throws io.respkit.exceptions.RedisUrlSyntaxException when the URL is malformed
     * @throws RedisConnectionException when no seed node answered with the cluster's topology
     */
    public static RedisClusterClient<String> create(String url) {
        return create(ClusterConfig.fromUrl(url));
    }

    /**
     * Connects to a cluster with string values in the configured charset.
     *
     * @param config the configuration
     * @return the client
     * @throws RedisConnectionException when no seed node answered with the cluster's topology
     */
    public static RedisClusterClient<String> create(ClusterConfig config) {
        return create(config, StringCodec.of(config.nodeConfig().charset()));
    }

    /**
     * Connects to a cluster with a codec of your choice.
     *
     * @param config the configuration
     * @param codec the value codec
     * @param <V> the value type
     * @return the client
     * @throws RedisConnectionException when no seed node answered with the cluster's topology
     */
    public static <V> RedisClusterClient<V> create(ClusterConfig config, RedisCodec<V> codec) {
        Objects.requireNonNull(codec, "codec");
        return new RedisClusterClient<>(new ClusterRouter(Objects.requireNonNull(config, "config")), true, codec);
    }

    /**
     * Returns a client sharing this client's connections with another codec. Closing it leaves them open.
     *
     * @param other the codec
     * @param <W> its value type
     * @return the client
     */
    public <W> RedisClusterClient<W> withCodec(RedisCodec<W> other) {
        return new RedisClusterClient<>(router, false, other);
    }

    /**
     * Returns the asynchronous view of this client: every typed command returns at once with a {@link Response}.
     * Commands with keys in one slot share one auto-pipelined connection per node; see
     * {@link ClusterAsyncCommands} for redirects, fan-out and blocking commands.
     *
     * @return the asynchronous commands, sharing this client's nodes and connections
     */
    public ClusterAsyncCommands<V> async() {
        return new ClusterAsyncCommands<>(router, codec);
    }

    /**
     * Runs one command on the node (or nodes) it belongs to, see the class comment.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisCrossSlotException when its keys span slots and it cannot be split; nothing was sent
     * @throws io.respkit.exceptions.RedisClusterDownException when no node served its slot within its timeout
     * @throws RedisServerException when the server answered with an error
     * @throws RedisConnectionException when the node failed (a write that may have run is not sent again) or
     *         stayed unreachable for the command's timeout
     */
    @Override
    public <T> T execute(Command<T> command) {
        return router.execute(command);
    }

    /**
     * Runs any command by name, routed by the keys the server's {@code COMMAND INFO} names for it; arguments as for
     * {@link RedisClient#execute(String, Object...)}.
     *
     * @param command the command name
     * @param args the arguments
     * @return the reply, decoded as by {@link RedisClient#execute(String, Object...)}
     * @throws RedisCrossSlotException when its keys span slots and it cannot be split; nothing was sent
     * @throws RedisServerException when the server answered with an error
     * @throws RedisConnectionException when the node failed
     */
    public Object execute(String command, Object... args) {
        return execute(RawCommand.of(codec, command, args));
    }

    /**
     * Streams every key of the cluster: a {@code SCAN} of each primary in turn, one page per call as the stream is
     * consumed. A key may appear more than once (as with any {@code SCAN}, and when its slot moves during the
     * iteration) and a key whose slot moves during the iteration may be missed.
     *
     * @param args the {@code MATCH} pattern, {@code COUNT} hint and {@code TYPE} filter
     * @return a lazy stream of keys
     */
    @Override
    public Stream<String> scan(ScanArgs args) {
        Objects.requireNonNull(args, "args");
        return topology().primaries().stream().flatMap(node -> ScanStreams.stream(
                cursor -> router.executeOn(node.address(), KeyDefs.scan(codec, cursor, args))));
    }

    /**
     * Not available on a cluster: a cursor belongs to one node. Use {@link #scan()} or {@link #scan(ScanArgs)}, which
     * iterate every primary.
     *
     * @throws RedisUnsupportedCommandException always; nothing is sent
     */
    @Override
    public ScanPage<String> scan(String cursor, ScanArgs args) {
        throw new RedisUnsupportedCommandException("SCAN with a cursor of your own has no meaning on a cluster (each "
                + "node has its own cursors): use scan() or scan(ScanArgs), which iterate every primary");
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /**
     * Returns the cluster's topology as last read: nodes, roles and slot owners.
     *
     * @return the topology
     */
    public ClusterTopology topology() {
        return router.topology();
    }

    /**
     * Reads the cluster's topology now rather than waiting for the next periodic or triggered refresh.
     *
     * @return the topology read, or the previous one when no node answered
     */
    public ClusterTopology refreshTopology() {
        return router.refreshTopology();
    }

    /**
     * Opens a {@link Subscriber} for {@code SUBSCRIBE} and {@code PSUBSCRIBE} on a connection to one of the cluster's
     * primaries (a cluster delivers every {@code PUBLISH} to every node).
     *
     * @return the subscriber; close it to close its connection
     * @throws RedisConnectionException when the connection cannot be opened
     */
    public Subscriber<V> subscriber() {
        List<io.respkit.cluster.ClusterNode> primaries = topology().primaries();
        HostAndPort node = primaries.isEmpty() ? router.config().seeds().get(0)
                : primaries.get(ThreadLocalRandom.current().nextInt(primaries.size())).address();
        return Subscriber.open(router.config().configFor(node), codec);
    }

    /**
     * Closes every node's connections and stops the topology refresh; a client made by {@link #withCodec} leaves
     * them open.
     */
    @Override
    public void close() {
        if (ownsRouter) {
            router.close();
        }
    }

    @Override
    public String toString() {
        return "RedisClusterClient[" + router.config() + ", " + codec + "]";
    }
}
