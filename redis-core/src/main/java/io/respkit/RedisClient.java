package io.respkit;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.exceptions.RedisTransactionAbortedException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.exceptions.RedisUrlSyntaxException;

import io.respkit.codec.RedisCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.CommandExecutor;
import io.respkit.internal.Observations;
import io.respkit.internal.ConnectionCommands;
import io.respkit.internal.RawCommand;
import io.respkit.internal.connection.PoolAccess;
import io.respkit.internal.multiplex.Multiplexer;
import io.respkit.internal.sentinel.SentinelWatcher;
import io.respkit.internal.server.EffectiveSpecs;
import io.respkit.internal.server.PooledCommandRunner;
import io.respkit.internal.server.ServerCommandTable;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PooledConnection;
import io.respkit.pubsub.Subscriber;
import io.respkit.sentinel.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Redis client: typed methods for every common command ({@link RedisCommands}), pipelines, transactions, Lua
 * scripts, pub/sub and a generic {@link #execute(String, Object...)}. Each call borrows a pooled connection for its
 * duration, so one client serves any number of threads.
 *
 * <pre>{@code
 * try (RedisClient<String> redis = RedisClient.create("redis://:secret@127.0.0.1:6379/0")) {
 *     redis.set("k1", "v1");
 *     String v = redis.get("k1");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @param <V> the value type: {@code String} by default, {@code byte[]} with
 *            {@link io.respkit.codec.ByteArrayCodec}, or any type a {@link RedisCodec} handles
 */
public final class RedisClient<V> implements RedisCommands<V>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisClient.class);
    private static final int DEFAULT_WATCH_ATTEMPTS = 100;
    private static final java.util.function.Consumer<io.respkit.protocol.PushMessage> PUSH_LOGGER =
            push -> log.debug("Ignoring push frame '{}' on the shared connection", push.kind());

    private final ConnectionPool pool;
    private final boolean ownsPool;
    private final RedisCodec<V> codec;
    private final Multiplexer multiplexer;
    private final boolean ownsMultiplexer;
    /** The server's flags for commands respkit does not know; shared with the clients {@link #withCodec} makes. */
    private final EffectiveSpecs serverSpecs;
    private final PooledCommandRunner specRunner;
    /** Follows the primary of a Sentinel-monitored master; {@code null} for one fixed server. */
    private final SentinelWatcher sentinel;
    private final CommandExecutor executor;
    /** Observes every call, or {@code null}: see {@link #withObserver(CommandObserver)}. */
    private final CommandObserver observer;

    private RedisClient(ConnectionPool pool, boolean ownsPool, RedisCodec<V> codec) {
        this(pool, ownsPool, codec, new Multiplexer(pool.config(), PUSH_LOGGER), true, new PooledCommandRunner(pool),
                null, null, null, null);
    }

    private RedisClient(ConnectionPool pool, boolean ownsPool, RedisCodec<V> codec, Multiplexer multiplexer,
                        boolean ownsMultiplexer, PooledCommandRunner specRunner, EffectiveSpecs serverSpecs,
                        SentinelWatcher sentinel, CommandExecutor executor, CommandObserver observer) {
        this.sentinel = sentinel;
        this.observer = observer;
        this.executor = executor != null ? executor : CommandExecutor.of(pool, multiplexer);
        this.multiplexer = multiplexer;
        this.ownsMultiplexer = ownsMultiplexer;
        this.specRunner = specRunner;
        this.serverSpecs = serverSpecs != null ? serverSpecs
                : new EffectiveSpecs(new ServerCommandTable(), pool.config().address(), specRunner);
        this.pool = Objects.requireNonNull(pool, "pool");
        this.ownsPool = ownsPool;
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Creates a client for a URL such as {@code redis://:password@host:6379/0}, with string values.
     *
     * @param url the URL, see {@link RedisConfig#fromUrl(String)}
     * @return a client owning its own pool
     * @throws io.respkit.exceptions.RedisUrlSyntaxException when the URL is malformed
     */
    public static RedisClient<String> create(String url) {
        return create(RedisConfig.fromUrl(url));
    }

    /**
     * Creates a client with string values in the configured charset.
     *
     * @param config the configuration
     * @return a client owning its own pool
     */
    public static RedisClient<String> create(RedisConfig config) {
        return create(config, StringCodec.of(config.charset()));
    }

    /**
     * Creates a client with a codec of your choice.
     *
     * @param config the configuration
     * @param codec the value codec
     * @param <V> the value type
     * @return a client owning its own pool
     */
    public static <V> RedisClient<V> create(RedisConfig config, RedisCodec<V> codec) {
        return new RedisClient<>(ConnectionPool.create(config), true, codec);
    }

    /**
     * Creates a client of the primary a Redis Sentinel setup names, with string values in the configured charset;
     * see {@link #create(SentinelConfig, RedisCodec)}.
     *
     * @param config the sentinels, the master name and the data nodes' settings
     * @return a client owning its pool and its watch of the sentinels
     * @throws RedisConnectionException when no sentinel answered or none named a node that confirmed it is primary
     */
    public static RedisClient<String> create(SentinelConfig config) {
        return create(config, StringCodec.of(config.nodeConfig().charset()));
    }

    /**
     * Creates a client of the primary a Redis Sentinel setup names, and follows it: the sentinels are asked where it
     * is (its own {@code ROLE} confirms), their failover events are read, and they are asked again every
     * {@link SentinelConfig#checkInterval()} and after a {@code READONLY} error. When the primary moves, the pool,
     * the shared multiplexed connection and {@link #subscriber() subscribers} move with it: a connection to the old
     * primary is closed as it comes back, never handed out again, and a subscriber resubscribes on the new primary
     * and reports the gap. While a failover is under way, from the moment its leader announces the replica it
     * promotes until that replica says it is primary (at most 2 s), commands wait rather than go to the primary
     * about to be demoted. See {@code docs/sentinel.md}.
     *
     * @param config the sentinels, the master name and the data nodes' settings
     * @param codec the value codec
     * @param <V> the value type
     * @return a client owning its pool and its watch of the sentinels
     * @throws RedisConnectionException when no sentinel answered or none named a node that confirmed it is primary
     */
    public static <V> RedisClient<V> create(SentinelConfig config, RedisCodec<V> codec) {
        SentinelWatcher watcher = SentinelWatcher.start(config);
        ConnectionPool pool = PoolAccess.create(watcher);
        Multiplexer multiplexer = new Multiplexer(watcher, PUSH_LOGGER);
        return new RedisClient<>(pool, true, codec, multiplexer, true, new PooledCommandRunner(pool), null, watcher,
                CommandExecutor.following(pool, multiplexer, watcher, config), null);
    }

    /**
     * Creates a client over an existing pool with string values; closing the client leaves the pool open.
     *
     * @param pool the pool
     * @return the client
     */
    public static RedisClient<String> create(ConnectionPool pool) {
        return create(pool, StringCodec.of(pool.config().charset()));
    }

    /**
     * Creates a client over an existing pool; closing the client leaves the pool open.
     *
     * @param pool the pool
     * @param codec the value codec
     * @param <V> the value type
     * @return the client
     */
    public static <V> RedisClient<V> create(ConnectionPool pool, RedisCodec<V> codec) {
        return new RedisClient<>(pool, false, codec);
    }

    /**
     * Returns a client sharing this client's pool with another codec, e.g. {@code ByteArrayCodec.INSTANCE} for raw
     * bytes. Closing the returned client leaves the pool open.
     *
     * @param other the codec
     * @param <W> its value type
     * @return the client
     */
    public <W> RedisClient<W> withCodec(RedisCodec<W> other) {
        return new RedisClient<>(pool, false, other, multiplexer, false, specRunner, serverSpecs, sentinel, executor,
                observer);
    }

    /**
     * Returns a client that is this one with every call observed, for tracing and metrics: each single command
     * (synchronous or {@link #async()}), each executed pipeline round and each transaction is one
     * {@link CommandObserver.Call}. It shares this client's pool, connections and codec, and owns what this one owns:
     * closing either of the two closes it.
     *
     * @param observer the observer, or {@code null} for none
     * @return the observed client
     */
    public RedisClient<V> withObserver(CommandObserver observer) {
        return new RedisClient<>(pool, ownsPool, codec, multiplexer, ownsMultiplexer, specRunner, serverSpecs,
                sentinel, executor, observer);
    }

    /** @return the observer of this client's calls, or {@code null} */
    CommandObserver observer() {
        return observer;
    }

    /**
     * Runs one command on a borrowed connection. When the client was configured with
     * {@link io.respkit.connection.RedisConfig.Builder#retryReads(boolean) retryReads} and the command is
     * {@linkplain Command#isReadOnly() read-only}, a connection failure (a timeout included) on the borrowed
     * connection is followed by exactly one more attempt on a fresh connection; a write is never run twice.
     *
     * <p>A command whose {@linkplain Command#spec() spec} respkit does not know gets the server's flags for its name
     * (asked once per client and name with {@code COMMAND INFO} on another pooled connection): read-only is retried
     * as above ({@link Command#readOnly()}); {@code blocking} never shares the multiplexed connection and, its
     * timeout argument unknown, is exempt from the read timeout ({@link Command#blocking blocking(0)}, forever).
     *
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisServerException when the server answered with an error
     * @throws RedisTimeoutException when no reply came in time (after the retry, for a retried read)
     * @throws RedisConnectionException when the connection failed (after the retry, for a retried read)
     * @throws RedisPoolExhaustedException when no connection became free in time
     * @throws RedisUnsupportedCommandException at once, with nothing sent, for a command whose replies no caller
     *         could read, see {@link #execute(String, Object...)}
     * @throws RedisInterruptedException when the calling thread was interrupted: before the command was sent
     *         (nothing was sent), or while it waited for a connection or the reply (within about 100 ms; the
     *         connection is discarded, and a blocking pop is unblocked on the server or has what it took put back,
     *         in the background, before its connection returns to the pool)
     */
    @Override
    public <T> T execute(Command<T> command) {
        if (!command.spec().isKnown()) {
            serverSpecs.apply(command);
        }
        CommandObserver o = observer;
        if (o == null) {
            return executor.execute(command);
        }
        return Observations.observe(o, Observations.nameOf(command), 1, i -> command, pool.config(),
                () -> executor.execute(command));
    }

    /**
     * Runs any command by name, for commands the typed API does not cover. Arguments may be {@code String},
     * {@code byte[]}, integral numbers or floating-point numbers; anything else is sent as its {@code toString()}.
     *
     * @param command the command name, e.g. {@code "CONFIG GET"} or {@code "OBJECT"}
     * @param args the arguments
     * @return the reply: bulk strings decoded by the codec, integers as {@link Long}, arrays as {@link List}, maps
     *         as {@link java.util.Map}, nil as {@code null}
     * @throws RedisServerException when the server answered with an error
     * @throws RedisConnectionException when the connection failed
     * @throws RedisUnsupportedCommandException at once, with nothing sent, for {@code SUBSCRIBE} and its relatives
     *         (use {@link #subscriber()}) and {@code CLIENT REPLY OFF|SKIP}; {@code QUIT}, {@code RESET} and
     *         {@code MONITOR} run, and their connection is then closed rather than reused
     */
    public Object execute(String command, Object... args) {
        return execute(RawCommand.of(codec, command, args));
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /** Gives a command respkit does not know the server's flags; for {@link AsyncCommands}, before it decides. */
    void applyServerSpec(Command<?> command) {
        serverSpecs.apply(command);
    }

    /** Like {@link #applyServerSpec}, for a pipeline holding a pooled connection: never waits for another. */
    private void applyServerSpecBeside(Command<?> command) {
        serverSpecs.applyBeside(command, specRunner::hasFreeConnection);
    }

    /**
     * Runs several commands on one borrowed connection, for example to keep a {@code SELECT} or
     * {@code CLIENT SETNAME} in effect. The connection is given back (or destroyed, if left dirty) afterwards.
     *
     * @param work what to do
     * @param <R> the result type
     * @return what {@code work} returned
     */
    public <R> R withConnection(Function<RedisCommands<V>, R> work) {
        try (PooledConnection lease = pool.borrow()) {
            try {
                return work.apply(new ConnectionCommands<>(lease.connection(), codec, observer));
            } catch (RedisInterruptedException e) {
                BlockingRecovery.takeOver(lease);
                throw e;
            }
        }
    }

    /**
     * Opens a pipeline with the default options (raise on error, flush every 1000, not transactional). It borrows
     * a connection for its first queued command and gives it back after each {@link Pipeline#execute()}.
     *
     * @return the pipeline
     */
    public Pipeline<V> pipeline() {
        return pipeline(PipelineOptions.DEFAULT);
    }

    /**
     * Opens a pipeline. It borrows a connection for its first queued command and gives it back after each
     * {@link Pipeline#execute()}.
     *
     * @param options error mode, batch size and whether rounds are wrapped in {@code MULTI}/{@code EXEC}
     * @return the pipeline
     */
    public Pipeline<V> pipeline(PipelineOptions options) {
        return new Pipeline<>(codec, pool, Objects.requireNonNull(options, "options"), this::applyServerSpecBeside)
                .observedBy(observer);
    }

    /**
     * Opens a transactional pipeline, redis-py's default {@code pipeline()}: each {@link Pipeline#execute()} sends
     * what was queued wrapped in {@code MULTI}/{@code EXEC} in one round trip, with {@link Pipeline#watch(String...)}
     * and {@link Pipeline#multi()} for optimistic transactions. Unlike {@link #multi()}, it can be reused.
     *
     * @return the pipeline
     */
    public Pipeline<V> transactionalPipeline() {
        return pipeline(PipelineOptions.DEFAULT.withTransaction(true));
    }

    /**
     * Queues commands in a pipeline, executes it and returns every result in order.
     *
     * @param body queues the commands
     * @return each command's result
     * @throws RedisPipelineException when a command failed (every reply was still read)
     */
    public List<Object> pipelined(Consumer<Pipeline<V>> body) {
        return pipelined(PipelineOptions.DEFAULT, body);
    }

    /**
     * Queues commands in a pipeline with the given options, executes it and returns every result in order.
     *
     * @param options error mode and batch size
     * @param body queues the commands
     * @return each command's result; failures as exceptions when {@code raiseOnError} is off
     * @throws RedisPipelineException with {@code raiseOnError} on, when a command failed
     */
    public List<Object> pipelined(PipelineOptions options, Consumer<Pipeline<V>> body) {
        try (Pipeline<V> p = pipeline(options)) {
            body.accept(p);
            return p.execute();
        }
    }

    /**
     * Opens a {@code MULTI}/{@code EXEC} transaction on a borrowed connection. Close it to give the connection
     * back; an unexecuted transaction is discarded.
     *
     * @return the transaction
     */
    public Transaction<V> multi() {
        PooledConnection lease = pool.borrow();
        return new Transaction<>(codec, lease, lease.connection()).observedBy(observer);
    }

    /**
     * Queues commands in a transaction and executes it atomically.
     *
     * @param body queues the commands
     * @return the results
     * @throws RedisServerException {@code EXECABORT} when a command was rejected while queueing
     */
    public TransactionResult multi(Consumer<Transaction<V>> body) {
        try (Transaction<V> tx = multi()) {
            body.accept(tx);
            return tx.exec();
        }
    }

    /**
     * Runs an optimistic transaction like redis-py's {@code transaction()}: {@code WATCH}es the keys, runs the body
     * (which reads with immediate commands and queues writes), executes, and starts over when a watched key changed,
     * up to 100 attempts.
     *
     * @param watchKeys the keys to watch
     * @param body reads, then queues
     * @return the results of the successful attempt
     * @throws RedisTransactionAbortedException when every attempt was aborted by concurrent changes
     */
    public TransactionResult transaction(Collection<String> watchKeys, TransactionBody<V> body) {
        return transaction(watchKeys, DEFAULT_WATCH_ATTEMPTS, body);
    }

    /**
     * Like {@link #transaction(Collection, TransactionBody)} with a limit on attempts.
     *
     * @param watchKeys the keys to watch
     * @param maxAttempts the most attempts, at least 1
     * @param body reads, then queues
     * @return the results of the successful attempt
     * @throws RedisTransactionAbortedException when every attempt was aborted by concurrent changes
     */
    public TransactionResult transaction(Collection<String> watchKeys, int maxAttempts, TransactionBody<V> body) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        try (PooledConnection lease = pool.borrow()) {
            return Transaction.optimistic(codec, lease, watchKeys, maxAttempts, body, observer);
        }
    }

    /**
     * Opens a {@link Subscriber} on its own dedicated connection (not from the pool), for {@code SUBSCRIBE} and
     * {@code PSUBSCRIBE}.
     *
     * @return the subscriber; close it to close its connection
     * @throws RedisConnectionException when the connection cannot be opened
     */
    public Subscriber<V> subscriber() {
        return sentinel != null ? Subscriber.following(pool::config, codec)
                : Subscriber.open(pool.config(), codec);
    }

    /**
     * Opens a {@link DedicatedConnection}: the typed API, pipelines and transactions on one connection of its own,
     * not from the pool, with this client's configuration and codec; for a consumer that blocks for long.
     *
     * @return the connection; close it when done
     * @throws RedisConnectionException when the connection cannot be opened
     * @throws io.respkit.exceptions.RedisAuthenticationException when the server refused the credentials
     */
    public DedicatedConnection<V> dedicatedConnection() {
        return DedicatedConnection.open(pool.config(), codec);
    }

    /**
     * Returns the pool this client borrows from, e.g. for {@link ConnectionPool#stats()}.
     *
     * @return the pool
     */
    public ConnectionPool pool() {
        return pool;
    }

    /**
     * Closes the pool when this client created it; a client over a shared pool leaves it open.
     */
    @Override
    public void close() {
        if (ownsMultiplexer) {
            multiplexer.close();
        }
        if (ownsPool) {
            pool.close();
        }
        if (sentinel != null && ownsPool) {
            executor.close();
            sentinel.close();
        }
    }

    /**
     * Returns the asynchronous view of this client: every typed command returns at once with a {@link Response},
     * which is a {@link java.util.concurrent.CompletableFuture} completed when the reply arrives. Ordinary commands
     * share one auto-pipelined connection (the Java counterpart of an asyncio pipeline: issue thousands, then
     * wait for all); blocking and stateful commands run on pooled connections on a separate thread.
     *
     * <pre>{@code
     * List<Response<Boolean>> sets = new ArrayList<>();
     * for (int i = 0; i < 10_000; i++) {
     *     sets.add(redis.async().set("key:" + i, "value:" + i));
     * }
     * CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).join();
     * }</pre>
     *
     * @return the asynchronous commands, sharing this client's connections
     */
    public AsyncCommands<V> async() {
        return new AsyncCommands<>(this, multiplexer);
    }

    @Override
    public String toString() {
        return "RedisClient[" + pool.config() + ", " + codec + "]";
    }
}
