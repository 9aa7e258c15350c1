package io.respkit.spring.cache;

import io.respkit.commands.RedisAsyncCommands;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.SetArgs;
import io.respkit.exceptions.RedisServerException;
import io.respkit.spring.core.RedisTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A Spring {@link org.springframework.cache.Cache} stored in Redis through respkit, on one server, a Sentinel-watched
 * primary or a Redis Cluster. Each entry is one Redis string under {@code <keyPrefix><cacheName>::<key>} (see
 * {@link RespkitCacheConfiguration}), written with the cache's time to live; entries of one cache may live in any
 * slot of a cluster. A cache name may not contain {@code ::} nor end with {@code :} ({@link IllegalArgumentException}
 * when the cache is made): its keys would overlap those of another cache. Values are stored through
 * {@link CacheValueCodec} (JSON by default).
 *
 * <ul>
 *   <li>{@link #get(Object)} is a {@code GET}; {@link #put} a {@code SET} with {@code PX}; {@link #putIfAbsent} a
 *   {@code SET NX PX}, then a {@code GET} of the present value when it was not set (again when that value expired
 *   in between; a {@code SET} over it when it cannot be read, so that {@code null} always means stored);
 *   {@link #evict} an {@code UNLINK}.</li>
 *   <li>{@link #clear()} removes the cache's keys with {@code SCAN MATCH <prefix>*} and {@code UNLINK} in batches
 *   (never {@code KEYS}, which blocks the server); on a cluster every primary is scanned. Entries written during the
 *   scan may survive it.</li>
 *   <li>{@link #get(Object, Callable)} ({@code @Cacheable(sync = true)}) calls the loader once per key for all the
 *   threads of this JVM asking at the same time: the first loads, the others wait for its value. Other JVMs are not
 *   coordinated with (as in Spring Data Redis); each may load once. When the loader fails, a waiting thread tries
 *   again itself. A loader asking for the key it is loading gets an {@link IllegalStateException} rather than
 *   waiting for itself.</li>
 *   <li>{@link #retrieve(Object)} and {@link #retrieve(Object, Supplier)} (methods returning
 *   {@code CompletableFuture}) run on respkit's asynchronous commands, without blocking the caller; concurrent
 *   loads of one key share one loader call too. Their futures complete, and the loader runs, on respkit's cache
 *   threads ({@code respkit-cache-N}, made on demand), never on the connection's reader thread: on a miss Spring
 *   runs the cached method where the lookup completes, and a method that blocks there would stall every command of
 *   the connection (and, on a small shared pool, every other lookup's completion).</li>
 *   <li>A stored value that cannot be read (no type header, JSON that no longer fits its class after a
 *   deployment, or a key holding another Redis type than a string) is logged and treated as a miss, so that it is
 *   replaced; a value whose type is not trusted is refused with {@link IllegalStateException}.</li>
 *   <li>A {@code null} is stored as a marker when the configuration allows it; otherwise caching it throws
 *   {@link IllegalArgumentException}, and a marker found (written by a configuration that allowed it) is a
 *   miss.</li>
 * </ul>
 *
 * <p>Keys are turned into text with {@code toString()}: a key type must override it (Strings, numbers, enums,
 * UUIDs and records do). Spring's {@code SimpleKey} (the key of a method with several arguments) is written
 * {@code SimpleKey [a, b]} with each argument's text, arrays as {@code [x, y]}, a {@code ','} or {@code '\'} in a
 * text escaped with {@code '\'} and a text {@code "null"} as {@code \null}, so that distinct argument lists never
 * share an entry; each argument's type must override {@code toString()} too. Thread-safe.
 */
public final class RespkitCache extends AbstractValueAdaptingCache {

    private static final Logger log = LoggerFactory.getLogger(RespkitCache.class);
    private static final int CLEAR_BATCH = 500;
    /** SET NX attempts of {@link #putIfAbsent} while the present entry keeps vanishing before it is read. */
    private static final int PUT_IF_ABSENT_ATTEMPTS = 3;
    /** What {@link #read} gives for a key holding another Redis type than a string: an entry that cannot be read. */
    private static final byte[] OTHER_TYPE = new byte[0];
    private final String name;
    private final String prefix;
    private final RespkitCacheConfiguration configuration;
    private final RedisTemplate<byte[]> redis;
    private final RedisAsyncCommands<byte[]> async;
    private final CacheValueCodec values;
    private final boolean statistics;
    private final SetArgs putArgs;
    private final SetArgs putIfAbsentArgs;
    /** Loads in flight for {@link #get(Object, Callable)} and {@link #retrieve(Object, Supplier)}, by Redis key. */
    private final ConcurrentMap<String, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    RespkitCache(String name, RespkitCacheConfiguration configuration, RedisTemplate<byte[]> redis,
                 RedisAsyncCommands<byte[]> async, CacheValueCodec values, boolean statistics) {
        super(configuration.cacheNullValues());
        this.name = Objects.requireNonNull(name, "name");
        if (name.contains("::") || name.endsWith(":")) {
            // Cache "a::b" would store key "c" where cache "a" stores key "b::c" (and "a:" key "c" where "a" stores
            // ":c"), and a's clear() would remove the other cache's entries.
            throw new IllegalArgumentException("Cache name '" + name + "' contains \"::\" or ends with ':', so its "
                    + "keys would overlap those of another cache; choose another name");
        }
        this.configuration = configuration;
        this.prefix = configuration.prefixFor(name);
        this.redis = redis;
        this.async = async;
        this.values = values;
        this.statistics = statistics;
        this.putArgs = configuration.expires() ? SetArgs.px(configuration.ttl().toMillis()) : SetArgs.NONE;
        this.putIfAbsentArgs = configuration.expires() ? putArgs.nx() : SetArgs.ifAbsent();
    }

    @Override
    public String getName() {
        return name;
    }

    /** @return the template the cache runs its commands on (byte values) */
    @Override
    public Object getNativeCache() {
        return redis;
    }

    /** @return this cache's configuration */
    public RespkitCacheConfiguration configuration() {
        return configuration;
    }

    /** @return the counters since this cache was created; all zero when statistics are off */
    public RespkitCacheStatistics statistics() {
        return new RespkitCacheStatistics(hits.sum(), misses.sum(), puts.sum(), evictions.sum());
    }

    /** @return whether this cache counts hits, misses, puts and evictions ({@link #statistics()}) */
    public boolean statisticsEnabled() {
        return statistics;
    }

    /**
     * Returns the Redis key of a cache key.
     *
     * @param key the cache key
     * @return {@code <keyPrefix><cacheName>::<key>}
     * @throws IllegalArgumentException when the key's type does not override {@code toString()}
     */
    public String redisKey(Object key) {
        return CacheKeyText.redisKey(prefix, name, key);
    }

    @Override
    protected Object lookup(Object key) {
        return lookupKey(redisKey(key));
    }

    private Object lookupKey(String redisKey) {
        return counted(decode(redisKey, read(redisKey)));
    }

    /** @return the entry's bytes, {@code null} when there is none, {@link #OTHER_TYPE} when it is no string */
    private byte[] read(String redisKey) {
        try {
            return redis.get(redisKey);
        } catch (RedisServerException e) {
            return otherType(redisKey, e);
        }
    }

    /** {@link #read} without blocking. */
    private CompletableFuture<byte[]> readAsync(String redisKey) {
        return CacheCallbacks.offReader(async.get(redisKey)).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisServerException e) {
                return otherType(redisKey, e);
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(cause);
        });
    }

    /**
     * A key of the cache holding a list, hash, ... (written by something else) is an entry that cannot be read, as
     * a foreign string is: a miss, which the next put replaces, rather than a failure of every lookup for good.
     */
    private byte[] otherType(String redisKey, RedisServerException e) {
        if (!"WRONGTYPE".equals(e.code())) {
            throw e;
        }
        log.warn("Cache '{}': {} holds another Redis type than a string; treated as a miss", name,
                CacheKeyText.forLog(redisKey));
        return OTHER_TYPE;
    }

    private Object counted(Object storeValue) {
        if (statistics) {
            (storeValue != null ? hits : misses).increment();
        }
        return storeValue;
    }

    /** @return the store value, or {@code null} for a missing or unreadable entry */
    private Object decode(String redisKey, byte[] bytes) {
        if (bytes == null || bytes == OTHER_TYPE) {
            return null;
        }
        try {
            Object storeValue = values.decode(bytes);
            if (storeValue == NullValue.INSTANCE && !isAllowNullValues()) {
                // Written by a configuration that caches nulls (e.g. before a deployment turned that off): handed
                // to Spring, the marker itself would come back as the method's result.
                log.warn("Cache '{}': {} holds a cached null, which this cache does not store; treated as a miss",
                        name, CacheKeyText.forLog(redisKey));
                return null;
            }
            return storeValue;
        } catch (CacheValueCodec.UntrustedCacheValueException e) {
            throw new IllegalStateException("Cache '" + name + "' refused the value of "
                    + CacheKeyText.forLog(redisKey) + ": " + e.getMessage(), e);
        } catch (ClassNotFoundException | IllegalArgumentException e) {
            // Typically a value written by another version of the application: a miss, so that it is replaced.
            log.warn("Cache '{}': cannot read the value of {} ({}); treated as a miss", name,
                    CacheKeyText.forLog(redisKey), CacheKeyText.forLog(String.valueOf(e.getMessage())));
            return null;
        }
    }

    @Override
    public void put(Object key, Object value) {
        write(redisKey(key), toStoreValue(value));
    }

    private void write(String redisKey, Object storeValue) {
        redis.set(redisKey, values.encode(storeValue), putArgs);
        countPut();
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        String redisKey = redisKey(key);
        Object storeValue = toStoreValue(value);
        byte[] bytes = values.encode(storeValue);
        for (int attempt = 1; ; attempt++) {
            if (redis.set(redisKey, bytes, putIfAbsentArgs)) {
                countPut();
                return null;
            }
            byte[] present = read(redisKey);
            if (present == null && attempt < PUT_IF_ABSENT_ATTEMPTS) {
                continue; // expired or evicted since the SET NX: absent again, so try to store ours again
            }
            Object stored = decode(redisKey, present);
            if (stored == null) {
                // Gone again, or unreadable (lookups miss it): there is no entry, and null must mean ours is stored.
                redis.set(redisKey, bytes, putArgs);
                countPut();
            }
            return toValueWrapper(stored);
        }
    }

    private void countPut() {
        if (statistics) {
            puts.increment();
        }
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        boolean removed = redis.unlink(redisKey(key)) > 0;
        if (removed && statistics) {
            evictions.increment();
        }
        return removed;
    }

    @Override
    public void clear() {
        clearAll();
    }

    @Override
    public boolean invalidate() {
        return clearAll() > 0;
    }

    private long clearAll() {
        long removed = 0;
        ScanArgs args = ScanArgs.match(escapeGlob(prefix) + "*").count(1000);
        try (Stream<String> keys = redis.scan(args)) {
            List<String> batch = new ArrayList<>(CLEAR_BATCH);
            for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                batch.add(it.next());
                if (batch.size() == CLEAR_BATCH) {
                    removed += redis.unlink(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                removed += redis.unlink(batch);
            }
        }
        if (statistics) {
            evictions.add(removed);
        }
        return removed;
    }

    /** Escapes what SCAN's MATCH would take as a wildcard in a cache name or prefix. */
    static String escapeGlob(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Returns the cached value, or loads, caches and returns it; see the class comment for how concurrent callers
     * share one load.
     *
     * @throws ValueRetrievalException when the loader threw (the loader's exception is its cause), or the thread
     *         was interrupted while waiting for another thread's load of the key (with its interrupt status set)
     * @throws IllegalArgumentException when the loader returned {@code null} and this cache does not store nulls
     * @throws IllegalStateException when called by a loader of this cache for the key it is loading
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        String redisKey = redisKey(key);
        Object stored = lookupKey(redisKey);
        if (stored != null) {
            return (T) fromStoreValue(stored);
        }
        while (true) {
            CompletableFuture<Object> mine = new Load(Thread.currentThread());
            CompletableFuture<Object> inFlight = loads.putIfAbsent(redisKey, mine);
            if (inFlight != null) {
                if (inFlight instanceof Load load && load.loader == Thread.currentThread()) {
                    // Waiting would wait for ourselves, for good, and so would every later caller of the key.
                    throw new IllegalStateException("Cache '" + name + "': the loader of "
                            + CacheKeyText.forLog(redisKey)
                            + " asked for the same key again (a recursive load)");
                }
                try {
                    return (T) fromStoreValue(inFlight.get());
                } catch (ExecutionException | CancellationException e) {
                    continue;   // that load failed: try (and maybe load) again, as a lock-based cache would
                } catch (InterruptedException e) {
                    // A waiter must be stoppable while another thread's loader hangs.
                    Thread.currentThread().interrupt();
                    throw new ValueRetrievalException(key, valueLoader, e);
                }
            }
            try {
                // Another thread may have stored the value between the first lookup and our registration.
                stored = decode(redisKey, read(redisKey));
                if (stored == null) {
                    stored = load(key, valueLoader);
                    write(redisKey, stored);
                }
                mine.complete(stored);
                return (T) fromStoreValue(stored);
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                loads.remove(redisKey, mine);
            }
        }
    }

    /** A load in flight for {@link #get(Object, Callable)}, knowing the thread that runs its loader. */
    private static final class Load extends CompletableFuture<Object> {
        final Thread loader;

        Load(Thread loader) {
            this.loader = loader;
        }
    }

    private Object load(Object key, Callable<?> valueLoader) {
        Object value;
        try {
            value = valueLoader.call();
        } catch (Exception e) {
            throw new ValueRetrievalException(key, valueLoader, e);
        }
        return toStoreValue(value);
    }

    /**
     * Looks the key up without blocking.
     *
     * @return a future of the value (a {@link ValueWrapper} when this cache stores nulls, as Spring expects) that
     *         completes with {@code null} on a miss
     */
    @Override
    public CompletableFuture<?> retrieve(Object key) {
        String redisKey = redisKey(key);
        return readAsync(redisKey).thenApply(bytes -> {
            Object stored = counted(decode(redisKey, bytes));
            if (stored == null) {
                return null;
            }
            return isAllowNullValues() ? toValueWrapper(stored) : fromStoreValue(stored);
        });
    }

    /**
     * Returns the cached value, or loads it with {@code valueLoader} and caches it, without blocking; concurrent
     * loads of one key in this JVM share one loader call.
     *
     * @return a future of the value; it fails with the loader's failure, or with {@link IllegalArgumentException}
     *         when the loader gave {@code null} and this cache does not store nulls
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        String redisKey = redisKey(key);
        return readAsync(redisKey).thenCompose(bytes -> {
            Object stored = counted(decode(redisKey, bytes));
            if (stored != null) {
                return CompletableFuture.completedFuture((T) fromStoreValue(stored));
            }
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> inFlight = loads.putIfAbsent(redisKey, mine);
            if (inFlight != null) {
                return inFlight.thenApply(v -> (T) fromStoreValue(v));
            }
            CompletableFuture<Object> loaded;
            try {
                loaded = valueLoader.get().thenApply(this::toStoreValue);
            } catch (RuntimeException e) {
                loaded = CompletableFuture.failedFuture(e);
            }
            loaded.thenCompose(storeValue -> async.set(redisKey, values.encode(storeValue), putArgs)
                            .thenApply(ok -> storeValue))
                    .whenCompleteAsync((storeValue, failure) -> {   // off the reader thread
                        loads.remove(redisKey, mine);
                        if (failure != null) {
                            mine.completeExceptionally(failure);
                        } else {
                            countPut();
                            mine.complete(storeValue);
                        }
                    }, CacheCallbacks.EXECUTOR);
            return mine.thenApply(v -> (T) fromStoreValue(v));
        });
    }

    /**
     * Converts a value to what is stored, refusing {@code null} with an explanation when nulls are not cached.
     *
     * @throws IllegalArgumentException when {@code userValue} is {@code null} and this cache does not store nulls
     */
    @Override
    protected Object toStoreValue(Object userValue) {
        if (userValue == null && !isAllowNullValues()) {
            throw new IllegalArgumentException("Cache '" + name + "' does not store null values (set "
                    + "redis.cache.cache-null-values=true, or use @Cacheable(unless = \"#result == null\"))");
        }
        return userValue == null ? NullValue.INSTANCE : userValue;
    }

    @Override
    public String toString() {
        return "RespkitCache[" + name + ", ttl=" + configuration.ttl() + ", nulls=" + isAllowNullValues() + "]";
    }
}
