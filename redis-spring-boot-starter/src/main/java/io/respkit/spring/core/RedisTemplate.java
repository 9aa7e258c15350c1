package io.respkit.spring.core;

import io.respkit.ClusterPipeline;
import io.respkit.Pipeline;
import io.respkit.PipelineOptions;
import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.Transaction;
import io.respkit.TransactionBody;
import io.respkit.TransactionResult;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.commands.ReplyDecoders;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.pubsub.Subscriber;
import org.springframework.util.ClassUtils;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Spring-facing entry point to Redis: every typed command of {@link RedisCommands} (String keys, values through
 * the template's codec), pipelines, transactions, pub/sub and {@link #forType(Class) JSON-typed views}. Each call
 * borrows a pooled connection from the underlying {@link RedisClient} for its duration. When a
 * {@link RedisCommandMetrics} is set, every command is timed; pipelines and transactions count as one call named
 * {@code PIPELINE} or {@code MULTI}.
 *
 * <p>A template runs either on one server ({@link RedisClient}) or on a Redis Cluster ({@link RedisClusterClient}),
 * with the same typed commands. On a cluster, {@link #pipelined(Consumer)} groups the commands by node,
 * {@link #multi(String, Consumer)} and {@link #transaction(Collection, TransactionBody)} run on one hash slot's
 * primary, and {@link #scan(ScanArgs)} iterates every primary; {@link #multi(Consumer)} (which cannot know the slot)
 * and {@link #withConnection} throw {@link RedisUnsupportedCommandException}.
 *
 * <pre>{@code
 * template.set("greeting", "hello");
 * RedisTemplate<Person> people = template.forType(Person.class);   // JSON values
 * people.set("person:1", new Person("Ada", 36));
 * }</pre>
 *
 * <p>Thread-safe: share one template across the application.
 *
 * @param <V> the value type
 */
public final class RedisTemplate<V> implements RedisCommands<V> {

    private static final String JACKSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

    /** Why {@link #forType(Class)} cannot work without Jackson, and what to do. */
    static final String NO_JACKSON = "RedisTemplate.forType needs Jackson 3 (tools.jackson.core:jackson-databind) "
            + "on the classpath to store objects as JSON; add that dependency, or use a RedisTemplate with "
            + "String values, or call withCodec(...) with your own RedisCodec";

    /** The single-node client, or {@code null} on a cluster. */
    private final RedisClient<V> client;
    /** The cluster client, or {@code null} on a single node. */
    private final RedisClusterClient<V> cluster;
    /** Whichever of the two is set. */
    private final RedisCommands<V> commands;
    private final ValueCodecFactory codecFactory;
    private final RedisCommandMetrics metrics;
    private final ConcurrentMap<Class<?>, RedisTemplate<?>> typed = new ConcurrentHashMap<>();

    /**
     * Creates a template without metrics; {@link #forType(Class)} uses Jackson's default mapper when Jackson 3 is
     * on the classpath.
     *
     * @param client the client to run commands with; the template never closes it
     */
    public RedisTemplate(RedisClient<V> client) {
        this(client, null, null);
    }

    /**
     * Creates a template.
     *
     * @param client the client to run commands with; the template never closes it
     * @param codecFactory makes the codecs of {@link #forType(Class)}; {@code null} for JSON with Jackson's
     *                     default mapper when Jackson 3 is present
     * @param metrics receives command durations; {@code null} for none
     */
    public RedisTemplate(RedisClient<V> client, ValueCodecFactory codecFactory, RedisCommandMetrics metrics) {
        this(Objects.requireNonNull(client, "client"), null, codecFactory, metrics);
    }

    /**
     * Creates a template over a Redis Cluster without metrics.
     *
     * @param cluster the cluster client to run commands with; the template never closes it
     */
    public RedisTemplate(RedisClusterClient<V> cluster) {
        this(cluster, null, null);
    }

    /**
     * Creates a template over a Redis Cluster.
     *
     * @param cluster the cluster client to run commands with; the template never closes it
     * @param codecFactory makes the codecs of {@link #forType(Class)}; {@code null} for JSON with Jackson's
     *                     default mapper when Jackson 3 is present
     * @param metrics receives command durations; {@code null} for none
     */
    public RedisTemplate(RedisClusterClient<V> cluster, ValueCodecFactory codecFactory, RedisCommandMetrics metrics) {
        this(null, Objects.requireNonNull(cluster, "cluster"), codecFactory, metrics);
    }

    private RedisTemplate(RedisClient<V> client, RedisClusterClient<V> cluster, ValueCodecFactory codecFactory,
            RedisCommandMetrics metrics) {
        this.client = client;
        this.cluster = cluster;
        this.commands = client != null ? client : cluster;
        this.codecFactory = codecFactory != null ? codecFactory : defaultCodecFactory();
        this.metrics = metrics;
    }

    private static ValueCodecFactory defaultCodecFactory() {
        // Checked by name so that this class loads, and String templates work, without Jackson.
        if (ClassUtils.isPresent(JACKSON_MAPPER, RedisTemplate.class.getClassLoader())) {
            return JacksonJsonCodec.factory();
        }
        return ValueCodecFactory.unavailable(NO_JACKSON);
    }

    /**
     * Runs a command through the client, timing it when metrics are on.
     *
     * @throws io.respkit.exceptions.RedisServerException when the server answered with an error
     * @throws io.respkit.exceptions.RedisConnectionException when the connection failed or timed out
     */
    @Override
    public <T> T execute(Command<T> command) {
        RedisCommandMetrics m = metrics;
        if (m == null) {
            return commands.execute(command);
        }
        long start = System.nanoTime();
        try {
            return commands.execute(command);
        } finally {
            m.record(timedName(command), System.nanoTime() - start);
        }
    }

    /**
     * Runs any command by name, for commands the typed API does not cover; see
     * {@link RedisClient#execute(String, Object...)}.
     *
     * @param command the command name, e.g. {@code "OBJECT ENCODING"}
     * @param args the arguments
     * @return the decoded reply
     * @throws io.respkit.exceptions.RedisServerException when the server answered with an error
     * @throws io.respkit.exceptions.RedisConnectionException when the connection failed
     */
    public Object execute(String command, Object... args) {
        return timed(timedName(command), () -> client != null ? client.execute(command, args)
                : cluster.execute(command, args));
    }

    /**
     * The name a command given by name is timed under: its spec's name ({@code ACL SETUSER}), or its first word for a
     * command respkit does not know. Never the name as given: a whole command line passed as the name
     * ({@code "AUTH user password"}) would put its arguments, credentials included, in the timer's tag.
     */
    private String timedName(String command) {
        if (metrics == null) {
            return command; // not timed
        }
        return timedName(Command.create(codec(), command, ReplyDecoders.raw()));
    }

    /** The name a command is timed under, as {@link #timedName(String)}: never its arguments, even given as its name. */
    static String timedName(Command<?> command) {
        CommandSpec spec = command.spec();
        return spec.isKnown() ? spec.name() : command.argumentText(0);
    }

    /** @return the codec for this template's values */
    @Override
    public RedisCodec<V> codec() {
        return commands.codec();
    }

    /**
     * Streams the keys matching {@code args}; on a cluster, a {@code SCAN} of every primary in turn (see
     * {@link RedisClusterClient#scan(ScanArgs)}), whose pages are not timed.
     *
     * @param args the {@code MATCH} pattern, {@code COUNT} hint and {@code TYPE} filter
     * @return a lazy stream of keys
     */
    @Override
    public Stream<String> scan(ScanArgs args) {
        return cluster != null ? cluster.scan(args) : RedisCommands.super.scan(args);
    }

    /**
     * Reads one page of a {@code SCAN}.
     *
     * @param cursor the cursor, {@code "0"} to start
     * @param args the {@code MATCH} pattern, {@code COUNT} hint and {@code TYPE} filter
     * @return the page
     * @throws RedisUnsupportedCommandException on a cluster, where a cursor belongs to one node: use
     *         {@link #scan(ScanArgs)}
     */
    @Override
    public ScanPage<String> scan(String cursor, ScanArgs args) {
        return cluster != null ? cluster.scan(cursor, args) : RedisCommands.super.scan(cursor, args);
    }

    /**
     * Tells whether this template runs on a Redis Cluster.
     *
     * @return {@code true} over a {@link RedisClusterClient}
     */
    public boolean isCluster() {
        return cluster != null;
    }

    /**
     * Queues commands in a pipeline (raise on error, flush every 1000), executes it and returns every result. On a
     * single server this is a {@link Pipeline}; on a Redis Cluster a {@link ClusterPipeline}, which sends each
     * command to its slot's node and returns the results in queue order (see {@link ClusterPipeline} for what it
     * refuses, such as a multi-key command whose keys span slots).
     *
     * <p>The body sees the pipeline as {@link RedisPipelineCommands}, the typed queueing methods both pipelines
     * share, so that one lambda runs on either. (Before cluster support it was given a {@link Pipeline}; code that
     * needs {@code Pipeline}-only methods, such as {@code watch} or {@code multi} inside a pipeline, calls
     * {@code client().pipelined(...)} on a single server.)
     *
     * @param body queues the commands
     * @return each command's result, in order
     * @throws io.respkit.exceptions.RedisPipelineException when a command failed (every command still ran)
     */
    public List<Object> pipelined(Consumer<? super RedisPipelineCommands<V>> body) {
        return pipelined(PipelineOptions.DEFAULT, body);
    }

    /**
     * Queues commands in a pipeline with the given options, executes it and returns every result; see
     * {@link #pipelined(Consumer)} for how it runs on a single server and on a Redis Cluster.
     *
     * @param options error mode, batch size and (on a cluster) whether each round is a transaction
     * @param body queues the commands
     * @return each command's result; failures as exceptions when {@code raiseOnError} is off
     * @throws io.respkit.exceptions.RedisPipelineException with {@code raiseOnError} on, when a command failed
     * @throws io.respkit.exceptions.RedisCrossSlotException on a cluster, for a transactional pipeline whose commands
     *         span slots; nothing was sent
     */
    public List<Object> pipelined(PipelineOptions options, Consumer<? super RedisPipelineCommands<V>> body) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(body, "body");
        return timed("PIPELINE", () -> client != null ? client.pipelined(options, body::accept)
                : cluster.pipelined(options, body::accept));
    }

    /**
     * Queues commands in a {@code MULTI}/{@code EXEC} transaction and executes it atomically, on a single server.
     *
     * @param body queues the commands
     * @return the results
     * @throws io.respkit.exceptions.RedisServerException {@code EXECABORT} when a command was rejected while queueing
     * @throws RedisUnsupportedCommandException on a Redis Cluster, where a transaction belongs to one hash slot: use
     *         {@link #multi(String, Consumer)} with a key of that slot
     */
    public TransactionResult multi(Consumer<Transaction<V>> body) {
        if (client == null) {
            throw new RedisUnsupportedCommandException("RedisTemplate on a Redis Cluster cannot run multi(body): a "
                    + "transaction runs on one hash slot's node; use multi(key, body) with a key of that slot (keys "
                    + "sharing a hash tag such as {user:1}:a and {user:1}:b share a slot)");
        }
        return timed("MULTI", () -> client.multi(body));
    }

    /**
     * Queues commands in a {@code MULTI}/{@code EXEC} transaction for {@code key}'s hash slot and executes it
     * atomically. On a Redis Cluster it runs on the slot's primary, every queued command must hash to that slot,
     * and when the slot moved the body queues again on the new owner (nothing of the first attempt ran), so it must
     * have no other side effects. On a single server the key only names the transaction's slot: it is not used for
     * routing, and commands of any key may be queued (write the same code for both and keep to one slot).
     *
     * @param key a key of the slot the transaction is for, e.g. {@code "{user:1}:balance"}
     * @param body queues the commands
     * @return the results
     * @throws io.respkit.exceptions.RedisServerException {@code EXECABORT} when a command was rejected while queueing
     * @throws io.respkit.exceptions.RedisCrossSlotException on a cluster, when the body queued a command of another
     *         slot; nothing was sent
     * @throws io.respkit.exceptions.RedisConnectionException when the node failed; on a cluster whether the
     *         transaction ran is then unknown
     */
    public TransactionResult multi(String key, Consumer<Transaction<V>> body) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        return timed("MULTI", () -> client != null ? client.multi(body) : cluster.multi(key, body));
    }

    /**
     * Runs an optimistic transaction: {@code WATCH}es the keys, runs the body (reads immediately, queues writes),
     * executes, and starts over when a watched key changed, up to 100 attempts. On a Redis Cluster the watched keys
     * must share one hash slot and the transaction runs on its primary (see
     * {@link RedisClusterClient#transaction(Collection, TransactionBody)}).
     *
     * @param watchKeys the keys to watch
     * @param body reads, then queues; it may run several times
     * @return the results of the successful attempt
     * @throws io.respkit.exceptions.RedisTransactionAbortedException when every attempt was aborted by concurrent changes
     * @throws io.respkit.exceptions.RedisCrossSlotException on a cluster, when the watched keys or a queued command's
     *         keys are in another slot
     */
    public TransactionResult transaction(Collection<String> watchKeys, TransactionBody<V> body) {
        return timed("MULTI", () -> client != null ? client.transaction(watchKeys, body)
                : cluster.transaction(watchKeys, body));
    }

    /**
     * Like {@link #transaction(Collection, TransactionBody)} with a limit on attempts.
     *
     * @param watchKeys the keys to watch
     * @param maxAttempts the most attempts, at least 1
     * @param body reads, then queues; it may run several times
     * @return the results of the successful attempt
     * @throws io.respkit.exceptions.RedisTransactionAbortedException when every attempt was aborted by concurrent changes
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1
     * @throws io.respkit.exceptions.RedisCrossSlotException on a cluster, when the watched keys or a queued command's
     *         keys are in another slot
     */
    public TransactionResult transaction(Collection<String> watchKeys, int maxAttempts, TransactionBody<V> body) {
        return timed("MULTI", () -> client != null ? client.transaction(watchKeys, maxAttempts, body)
                : cluster.transaction(watchKeys, maxAttempts, body));
    }

    /**
     * Runs several commands on one borrowed connection, for example to keep a {@code CLIENT SETNAME} in effect.
     * Commands run through {@code work}'s argument are timed like any other.
     *
     * @param work what to do with the connection's commands; they must not escape this call
     * @param <R> the result type
     * @return what {@code work} returned
     * @throws io.respkit.exceptions.RedisPoolExhaustedException when no connection became free in time
     * @throws RedisUnsupportedCommandException on a Redis Cluster, where a command's node depends on its key: run
     *         the commands through the template, or use {@link #pipelined(Consumer)} or
     *         {@link #multi(String, Consumer)}
     */
    public <R> R withConnection(Function<RedisCommands<V>, R> work) {
        Objects.requireNonNull(work, "work");
        if (client == null) {
            throw new RedisUnsupportedCommandException("RedisTemplate on a Redis Cluster does not offer "
                    + "withConnection: there is no one connection for every key's node; run the commands through "
                    + "the template (each is routed to its slot's node), or use pipelined(...) or multi(key, body)");
        }
        RedisClient<V> single = client;
        RedisCommandMetrics m = metrics;
        if (m == null) {
            return single.withConnection(work);
        }
        return single.withConnection(commands -> work.apply(new TimedCommands<>(commands, m)));
    }

    /**
     * Opens a {@link Subscriber} on its own dedicated connection (not from the pool).
     *
     * @return the subscriber; close it to close its connection
     * @throws io.respkit.exceptions.RedisConnectionException when the connection cannot be opened
     */
    public Subscriber<V> subscriber() {
        return client != null ? client.subscriber() : cluster.subscriber();
    }

    /**
     * Returns a template for objects of {@code type}, stored as JSON (by default with Jackson 3, using the
     * application's {@code JsonMapper} when the template came from the auto-configuration). It shares this
     * template's pool and metrics. Templates are cached per type.
     *
     * @param type the value type, e.g. a record
     * @param <T> the value type
     * @return the typed template
     * @throws IllegalStateException when no codec can be made for the type, e.g. because Jackson is not on the
     *         classpath
     */
    @SuppressWarnings("unchecked")
    public <T> RedisTemplate<T> forType(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return (RedisTemplate<T>) typed.computeIfAbsent(type,
                t -> withCodec(codecFactory.codecFor(type)));
    }

    /**
     * Returns a template sharing this template's pool and metrics with another codec, for example
     * {@code ByteArrayCodec.INSTANCE} for raw bytes.
     *
     * @param codec the codec
     * @param <W> its value type
     * @return the template
     */
    public <W> RedisTemplate<W> withCodec(RedisCodec<W> codec) {
        if (cluster != null) {
            return new RedisTemplate<>(null, cluster.withCodec(codec), codecFactory, metrics);
        }
        return new RedisTemplate<>(client.withCodec(codec), null, codecFactory, metrics);
    }

    /**
     * Returns the single-node client this template runs commands with, e.g. for {@code client().pool().stats()}.
     *
     * @return the client
     * @throws IllegalStateException when the template runs on a Redis Cluster: use {@link #clusterClient()}
     */
    public RedisClient<V> client() {
        if (client == null) {
            throw new IllegalStateException("this RedisTemplate runs on a Redis Cluster: use clusterClient()");
        }
        return client;
    }

    /**
     * Returns the cluster client this template runs commands with, e.g. for {@code clusterClient().topology()}.
     *
     * @return the cluster client
     * @throws IllegalStateException when the template runs on a single server: use {@link #client()}
     */
    public RedisClusterClient<V> clusterClient() {
        if (cluster == null) {
            throw new IllegalStateException("this RedisTemplate runs on a single Redis server: use client()");
        }
        return cluster;
    }

    private <T> T timed(String name, Supplier<T> call) {
        RedisCommandMetrics m = metrics;
        if (m == null) {
            return call.get();
        }
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            m.record(name.toUpperCase(Locale.ROOT), System.nanoTime() - start);
        }
    }

    @Override
    public String toString() {
        return "RedisTemplate[" + (client != null ? client.pool().config() : cluster) + ", " + codec() + "]";
    }

    /** Commands on one connection, timed. Not thread-safe, like the connection it wraps. */
    private static final class TimedCommands<V> implements RedisCommands<V> {
        private final RedisCommands<V> delegate;
        private final RedisCommandMetrics metrics;

        TimedCommands(RedisCommands<V> delegate, RedisCommandMetrics metrics) {
            this.delegate = delegate;
            this.metrics = metrics;
        }

        @Override
        public <T> T execute(Command<T> command) {
            long start = System.nanoTime();
            try {
                return delegate.execute(command);
            } finally {
                metrics.record(timedName(command), System.nanoTime() - start);
            }
        }

        @Override
        public RedisCodec<V> codec() {
            return delegate.codec();
        }
    }
}
