package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.cluster.ClusterTopology;
import io.respkit.codec.RedisCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTransactionAbortedException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.internal.Observations;
import io.respkit.internal.RawCommand;
import io.respkit.internal.cluster.ClusterBatches;
import io.respkit.internal.cluster.ClusterObservation;
import io.respkit.internal.cluster.ClusterRouter;
import io.respkit.internal.commands.KeyDefs;
import io.respkit.internal.commands.ScanStreams;
import io.respkit.internal.cluster.PubSubNode;
import io.respkit.internal.cluster.ShardedSubscriptions;
import io.respkit.pool.PoolStats;
import io.respkit.pool.PooledConnection;
import io.respkit.pubsub.ClusterShardedSubscriber;
import io.respkit.pubsub.Subscriber;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
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
 * never sent again. See docs/cluster.md. For tracing and metrics, {@link #withObserver(CommandObserver)} observes every
 * call.
 *
 * <p>Thread-safe.
 *
 * @param <V> the value type, as for {@link RedisClient}
 */
public final class RedisClusterClient<V> implements RedisCommands<V>, AutoCloseable {

    private final ClusterRouter router;
    private final boolean ownsRouter;
    private final RedisCodec<V> codec;
    /** Observes every call, or {@code null}: see {@link #withObserver(CommandObserver)}. */
    private final CommandObserver observer;

    private RedisClusterClient(ClusterRouter router, boolean ownsRouter, RedisCodec<V> codec,
            CommandObserver observer) {
        this.router = router;
        this.ownsRouter = ownsRouter;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.observer = observer;
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
        return new RedisClusterClient<>(new ClusterRouter(Objects.requireNonNull(config, "config")), true, codec,
                null);
    }

    /**
     * Returns a client sharing this client's connections (and its observer) with another codec. Closing it leaves them
     * open.
     *
     * @param other the codec
     * @param <W> its value type
     * @return the client
     */
    public <W> RedisClusterClient<W> withCodec(RedisCodec<W> other) {
        return new RedisClusterClient<>(router, false, other, observer);
    }

    /**
     * Returns a client that is this one with every call observed, for tracing and metrics, as
     * {@link RedisClient#withObserver(CommandObserver)} does: each command (synchronous or {@link #async()}, each page
     * of {@link #scan(ScanArgs)}), each executed {@link ClusterPipeline} round ({@code PIPELINE}) and each
     * transaction ({@code MULTI}) is one {@link CommandObserver.Call}. A command that goes to several nodes (fan-out
     * such as {@code DBSIZE} or {@code KEYS}, a split {@code MGET}) or follows {@code MOVED} or {@code ASK} is still
     * one call. Its {@link CommandObserver.Operation} names the node its first attempt was sent to (for a fan-out or
     * a pipeline, the first node; a call that failed before any node was chosen, such as keys spanning slots, names
     * the first seed) and database 0. It shares this client's nodes, connections and codec, and owns what this one
     * owns: closing either of the two closes them when this one owned them.
     *
     * @param observer the observer, or {@code null} for none
     * @return the observed client
     */
    public RedisClusterClient<V> withObserver(CommandObserver observer) {
        return new RedisClusterClient<>(router, ownsRouter, codec, observer);
    }

    /**
     * Returns the asynchronous view of this client: every typed command returns at once with a {@link Response}.
     * Commands with keys in one slot share one auto-pipelined connection per node; see
     * {@link ClusterAsyncCommands} for redirects, fan-out and blocking commands.
     *
     * @return the asynchronous commands, sharing this client's nodes and connections
     */
    public ClusterAsyncCommands<V> async() {
        return new ClusterAsyncCommands<>(router, codec, observer);
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
        CommandObserver o = observer;
        if (o == null) {
            return router.execute(command);
        }
        ClusterObservation call = new ClusterObservation(o, Observations.nameOf(command), 1, i -> command,
                router.config());
        return call.observe(() -> router.execute(command, call));
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
        return topology().servingPrimaries().stream().flatMap(node -> ScanStreams.stream(
                cursor -> executeOn(node.address(), KeyDefs.scan(codec, cursor, args))));
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

    /** One page of a {@link #scan(ScanArgs)}: a call of its own, on the node it pages. */
    private <T> T executeOn(HostAndPort node, Command<T> command) {
        CommandObserver o = observer;
        if (o == null) {
            return router.executeOn(node, command);
        }
        ClusterObservation call = new ClusterObservation(o, Observations.nameOf(command), 1, i -> command,
                router.config());
        return call.observe(() -> router.executeOn(node, command, call));
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /**
     * Returns the state of each node's connection pool, for monitoring: the nodes this client has connections to now.
     *
     * @return a snapshot, by node address
     */
    public Map<HostAndPort, PoolStats> poolStats() {
        return router.poolStats();
    }

    /**
     * Returns the configuration this client was created with: the seeds, the per-node template and the cluster
     * options.
     *
     * @return the configuration
     */
    public ClusterConfig config() {
        return router.config();
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
     * Asks for a topology refresh in the background and returns at once. Requests are coalesced and rate-limited
     * with the client's own ({@link ClusterConfig#refreshMinInterval()} apart at the least), so a caller that saw a
     * sign of change (a health check whose ping failed) may ask as often as it likes; {@link #topology()} shows the
     * result once read.
     */
    public void requestTopologyRefresh() {
        router.requestTopologyRefresh();
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
     * primaries (a cluster delivers every {@code PUBLISH} to every node). When that connection is lost, the
     * subscriber reconnects to another primary and resubscribes there, reporting the gap as
     * {@link io.respkit.pubsub.SubscriptionEvent.Kind#RECONNECTED}: a dead node does not end the subscription.
     *
     * @return the subscriber; close it to close its connection
     * @throws RedisConnectionException when no primary could be connected to (each is tried once)
     */
    public Subscriber<V> subscriber() {
        PubSubNode nodes = new PubSubNode(router);
        // a primary that is down but still listed must not fail the call: each attempt goes to another one
        int attempts = Math.max(1, topology().servingPrimaries().size());
        for (int i = 1; ; i++) {
            try {
                return Subscriber.open(nodes, codec);
            } catch (RedisConnectionException e) {
                if (i >= attempts) {
                    throw e;
                }
            }
        }
    }

    /**
     * Opens a sharded subscriber ({@code SSUBSCRIBE}, Redis 7.0+): each shard channel subscribed on the primary
     * serving its slot, following the channel when its slot moves (migration, failover). Connections to the nodes
     * open as channels need them.
     *
     * @return the subscriber, subscribed to nothing yet; close it to close its connections
     */
    public ClusterShardedSubscriber<V> shardedSubscriber() {
        return new ShardedSubscriptions<>(router, codec);
    }

    /**
     * Opens a cluster pipeline with the default options (raise on error, at most 1000 commands per round trip to a
     * node, not transactional). See {@link ClusterPipeline} for routing, order and what is refused.
     *
     * @return the pipeline
     */
    public ClusterPipeline<V> pipeline() {
        return pipeline(PipelineOptions.DEFAULT);
    }

    /**
     * Opens a cluster pipeline. With {@link PipelineOptions#transaction()}, each round runs as one
     * {@code MULTI}/{@code EXEC} and its commands must share one slot.
     *
     * @param options error mode, commands per round trip to a node, and whether rounds are transactions
     * @return the pipeline
     */
    public ClusterPipeline<V> pipeline(PipelineOptions options) {
        return new ClusterPipeline<>(codec, router.batches(), Objects.requireNonNull(options, "options"), observer);
    }

    /**
     * Queues commands in a cluster pipeline, executes it and returns every result in queue order.
     *
     * @param body queues the commands
     * @return each command's result
     * @throws RedisPipelineException when a command failed (every command still ran)
     */
    public List<Object> pipelined(Consumer<ClusterPipeline<V>> body) {
        return pipelined(PipelineOptions.DEFAULT, body);
    }

    /**
     * Queues commands in a cluster pipeline with the given options, executes it and returns every result in order.
     *
     * @param options error mode, commands per round trip to a node, and whether the round is a transaction
     * @param body queues the commands
     * @return each command's result; failures as exceptions when {@code raiseOnError} is off
     * @throws RedisPipelineException with {@code raiseOnError} on, when a command failed
     * @throws RedisCrossSlotException for a transactional pipeline whose commands span slots; nothing was sent
     */
    public List<Object> pipelined(PipelineOptions options, Consumer<ClusterPipeline<V>> body) {
        try (ClusterPipeline<V> p = pipeline(options)) {
            body.accept(p);
            return p.execute();
        }
    }

    /**
     * Opens a {@code MULTI}/{@code EXEC} transaction on the primary of {@code key}'s hash slot, on a connection
     * borrowed from its pool. Every command queued must hash to that slot (or have no key): one that does not is
     * refused with {@link RedisCrossSlotException} when queued. Close it to give the connection back. When the slot
     * moved before {@code EXEC}, {@link Transaction#exec()} fails ({@code EXECABORT} or {@code MOVED}) and nothing
     * runs; {@link #multi(String, Consumer)} follows the move instead.
     *
     * @param key a key of the slot the transaction is for, e.g. {@code "{user:1}:balance"}
     * @return the transaction
     * @throws io.respkit.exceptions.RedisClusterDownException when no node serves the slot
     * @throws RedisConnectionException when no connection to the slot's node could be had
     */
    public Transaction<V> multi(String key) {
        ClusterBatches batches = router.batches();
        int slot = batches.slotOfKeys("MULTI", List.of(Objects.requireNonNull(key, "key")), codec);
        PooledConnection lease = batches.borrow(batches.primaryFor(slot));
        return new Transaction<>(codec, lease, lease.connection(), ClusterTransactions.admission(batches, slot))
                .observedBy(observer); // its node's address and database, as for a single node
    }

    /**
     * Queues commands in a transaction on {@code key}'s slot and executes it atomically. When the slot moved, the
     * body queues again on a new transaction on the slot's new owner (nothing of the first ran), so it must have no
     * other side effects.
     *
     * @param key a key of the slot the transaction is for
     * @param body queues the commands; a command of another slot is refused with {@link RedisCrossSlotException}
     * @return the results
     * @throws RedisCrossSlotException when the body queued a command of another slot; nothing was sent
     * @throws RedisServerException {@code EXECABORT} when a command was rejected while queueing
     * @throws RedisConnectionException when the node failed; whether the transaction ran is unknown
     */
    public TransactionResult multi(String key, Consumer<Transaction<V>> body) {
        ClusterBatches batches = router.batches();
        int slot = batches.slotOfKeys("MULTI", List.of(Objects.requireNonNull(key, "key")), codec);
        Transaction<V> tx = ClusterTransactions.execOnSlot(batches, codec, slot, body, observer, null);
        List<Object> results = new java.util.ArrayList<>();
        for (Response<?> r : tx.queued()) {
            results.add(r.resultOrFailure());
        }
        return new TransactionResult(java.util.Collections.unmodifiableList(results), false);
    }

    /**
     * Runs an optimistic transaction as {@link RedisClient#transaction(Collection, TransactionBody)} does, on the
     * primary of the watched keys' slot, up to 100 attempts.
     *
     * @param watchKeys the keys to watch, at least one, all in one slot
     * @param body reads with immediate commands on the watching connection, then queues (commands of the slot only)
     * @return the results of the successful attempt
     * @throws IllegalArgumentException when no key is given
     * @throws RedisCrossSlotException when the watch keys, or a queued command's keys, are in another slot; for the
     *         keys, before anything is sent
     * @throws RedisTransactionAbortedException when every attempt was aborted by concurrent changes
     */
    public TransactionResult transaction(Collection<String> watchKeys, TransactionBody<V> body) {
        return transaction(watchKeys, 100, body);
    }

    /**
     * Like {@link #transaction(Collection, TransactionBody)} with a limit on attempts. A {@code MOVED} or {@code ASK}
     * answered to {@code WATCH}, to a queued command or to {@code EXEC} (nothing ran) starts the attempt over on the
     * slot's new node, without counting as an attempt; a transaction that may have run is never sent again.
     *
     * @param watchKeys the keys to watch, at least one, all in one slot
     * @param maxAttempts the most attempts, at least 1
     * @param body reads, then queues
     * @return the results of the successful attempt
     * @throws IllegalArgumentException when no key is given or {@code maxAttempts} is less than 1
     * @throws RedisCrossSlotException when the watch keys span slots (nothing was sent), or a queued command's keys
     *         are in another slot
     * @throws RedisTransactionAbortedException when every attempt was aborted by concurrent changes
     */
    public TransactionResult transaction(Collection<String> watchKeys, int maxAttempts, TransactionBody<V> body) {
        Objects.requireNonNull(body, "body");
        return ClusterTransactions.watched(router.batches(), codec, Objects.requireNonNull(watchKeys, "watchKeys"),
                maxAttempts, body, observer);
    }

    /**
     * Closes every node's connections and stops the topology refresh when this client owns them: one made by
     * {@link #create} does, one made by {@link #withCodec} does not, and one made by {@link #withObserver} does when
     * the client it was made from did.
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
