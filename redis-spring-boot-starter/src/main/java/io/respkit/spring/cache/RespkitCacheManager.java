package io.respkit.spring.cache;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.RedisAsyncCommands;
import io.respkit.spring.core.JacksonJsonCodec;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.core.ValueCodecFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.support.AbstractCacheManager;
import org.springframework.util.ClassUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Spring {@link org.springframework.cache.CacheManager} whose caches ({@link RespkitCache}) live in Redis, through
 * a respkit {@link RedisTemplate} on one server, a Sentinel-watched primary or a Redis Cluster. Caches named up
 * front are created at start-up; any other name asked for gets a cache with the default configuration (or its own,
 * see {@link Builder#cacheConfiguration(String, RespkitCacheConfiguration)}) on first use. A
 * {@linkplain Builder#transactionAware(boolean) transaction-aware} manager hands out its caches wrapped in Spring's
 * {@code TransactionAwareCacheDecorator}: inside a Spring transaction, puts and evictions reach Redis only once it
 * commits (reads are never deferred). A name containing
 * {@code ::} or ending with {@code :} is refused with {@link IllegalArgumentException}: its keys would overlap those of
 * another cache.
 *
 * <pre>{@code
 * RespkitCacheManager caches = RespkitCacheManager.builder(template)
 *         .defaults(RespkitCacheConfiguration.DEFAULTS.withTtl(Duration.ofMinutes(10)))
 *         .cacheConfiguration("prices", RespkitCacheConfiguration.DEFAULTS.withTtl(Duration.ofSeconds(30)))
 *         .trustedPackages(List.of("com.example"))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe. Built by {@link Builder}, which is not thread-safe.
 */
public final class RespkitCacheManager extends AbstractCacheManager {

    private final RedisTemplate<byte[]> redis;
    private final RedisAsyncCommands<byte[]> async;
    private final CacheValueCodec values;
    private final RespkitCacheConfiguration defaults;
    private final Map<String, RespkitCacheConfiguration> configurations;
    private final boolean statistics;
    private final List<Consumer<? super RespkitCache>> listeners;
    private final boolean transactionAware;

    private RespkitCacheManager(Builder builder) {
        this.redis = builder.template.withCodec(ByteArrayCodec.INSTANCE);
        this.async = redis.isCluster() ? redis.clusterClient().async() : redis.client().async();
        ClassLoader loader = builder.classLoader != null ? builder.classLoader : ClassUtils.getDefaultClassLoader();
        this.values = new CacheValueCodec(builder.codecFactory, builder.trustedPackages, loader);
        this.defaults = builder.defaults;
        this.configurations = Map.copyOf(builder.configurations);
        this.statistics = builder.statistics;
        this.listeners = List.copyOf(builder.listeners);
        this.transactionAware = builder.transactionAware;
    }

    /**
     * Starts a builder.
     *
     * @param template the template to run commands on (its codec is not used: the manager writes bytes)
     * @return the builder
     */
    public static Builder builder(RedisTemplate<?> template) {
        return new Builder(template);
    }

    @Override
    protected Collection<? extends Cache> loadCaches() {
        List<RespkitCache> caches = new ArrayList<>(configurations.size());
        for (Map.Entry<String, RespkitCacheConfiguration> entry : configurations.entrySet()) {
            caches.add(create(entry.getKey(), entry.getValue()));
        }
        return caches;
    }

    /** Creates a cache for a name not configured up front, with the default configuration. */
    @Override
    protected Cache getMissingCache(String name) {
        return create(name, configurations.getOrDefault(name, defaults));
    }

    private RespkitCache create(String name, RespkitCacheConfiguration configuration) {
        RespkitCache cache = new RespkitCache(name, configuration, redis, async, values, statistics);
        // AbstractCacheManager creates each missing cache once under its lock, so listeners see each cache once.
        listeners.forEach(listener -> listener.accept(cache));
        return cache;
    }

    /**
     * Wraps each cache in Spring's {@code TransactionAwareCacheDecorator} when the manager is transaction-aware. The
     * decorator (spring-context-support) is only loaded then: the manager itself needs neither it nor spring-tx.
     */
    @Override
    protected Cache decorateCache(Cache cache) {
        return transactionAware ? TransactionAwareCaches.decorate(cache) : cache;
    }

    /** @return whether puts and evictions in a Spring transaction wait for its commit */
    public boolean isTransactionAware() {
        return transactionAware;
    }

    /** @return the configuration of caches not configured by name */
    public RespkitCacheConfiguration defaults() {
        return defaults;
    }

    /** @return the configurations given by cache name */
    public Map<String, RespkitCacheConfiguration> cacheConfigurations() {
        return configurations;
    }

    /** @return whether the caches count hits, misses, puts and evictions */
    public boolean statisticsEnabled() {
        return statistics;
    }

    @Override
    public String toString() {
        return "RespkitCacheManager[" + (redis.isCluster() ? "cluster" : "single") + ", defaults=" + defaults + "]";
    }

    /**
     * Builds a {@link RespkitCacheManager}. Not thread-safe; use it on one thread.
     */
    public static final class Builder {
        private final RedisTemplate<?> template;
        private ValueCodecFactory codecFactory;
        private RespkitCacheConfiguration defaults = RespkitCacheConfiguration.DEFAULTS;
        private final Map<String, RespkitCacheConfiguration> configurations = new LinkedHashMap<>();
        private final Set<String> trustedPackages = new LinkedHashSet<>();
        private boolean statistics;
        private boolean transactionAware;
        private ClassLoader classLoader;
        private final List<Consumer<? super RespkitCache>> listeners = new ArrayList<>();

        private Builder(RedisTemplate<?> template) {
            this.template = Objects.requireNonNull(template, "template");
        }

        /**
         * Sets how values are written: the factory makes a codec per value type. Defaults to JSON with Jackson's
         * default mapper.
         *
         * @param codecFactory the factory, e.g. the starter's {@code ValueCodecFactory} bean
         * @return this builder
         */
        public Builder codecFactory(ValueCodecFactory codecFactory) {
            this.codecFactory = Objects.requireNonNull(codecFactory, "codecFactory");
            return this;
        }

        /**
         * Sets the configuration of every cache not configured by name.
         *
         * @param defaults the configuration
         * @return this builder
         */
        public Builder defaults(RespkitCacheConfiguration defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /**
         * Names caches to create at start-up with the default configuration (as set so far: call
         * {@link #defaults} first).
         *
         * @param names the cache names
         * @return this builder
         */
        public Builder initialCacheNames(Collection<String> names) {
            names.forEach(name -> configurations.putIfAbsent(name, defaults));
            return this;
        }

        /**
         * Configures one cache, created at start-up.
         *
         * @param name the cache name
         * @param configuration its configuration
         * @return this builder
         */
        public Builder cacheConfiguration(String name, RespkitCacheConfiguration configuration) {
            configurations.put(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(configuration, "configuration"));
            return this;
        }

        /**
         * Gives one cache its own time to live, keeping the rest of the default configuration.
         *
         * @param name the cache name
         * @param ttl its time to live; zero for no expiry
         * @return this builder
         */
        public Builder ttl(String name, Duration ttl) {
            return cacheConfiguration(name, configurations.getOrDefault(name, defaults).withTtl(ttl));
        }

        /**
         * Adds packages whose classes may be read back from the cache (sub-packages included); {@code "*"} trusts
         * every class. Strings, numbers, booleans, {@code java.time} and {@code java.math} types, UUIDs, lists, sets
         * and maps are always trusted. A stored value of any other type is refused when read, so that whoever can
         * write to Redis cannot make the application instantiate classes of its choosing.
         *
         * @param packages package names, e.g. {@code com.example}
         * @return this builder
         */
        public Builder trustedPackages(Collection<String> packages) {
            packages.forEach(p -> trustedPackages.add(Objects.requireNonNull(p, "package")));
            return this;
        }

        /**
         * Turns on hit, miss, put and eviction counting ({@link RespkitCache#statistics()}).
         *
         * @param enabled whether to count
         * @return this builder
         */
        public Builder statistics(boolean enabled) {
            this.statistics = enabled;
            return this;
        }

        /**
         * Makes the manager transaction-aware, as Spring Data Redis's {@code transactionAware()} (needs spring-tx and
         * spring-context-support): within a Spring transaction, each cache's puts and evictions are deferred until it commits and dropped when it
         * rolls back; outside one they run at once. Its caches are then {@code TransactionAwareCacheDecorator}s
         * around {@link RespkitCache}s.
         *
         * @param enabled whether to defer writes to the commit
         * @return this builder
         */
        public Builder transactionAware(boolean enabled) {
            this.transactionAware = enabled;
            return this;
        }

        /**
         * Sets the class loader that loads the types of cached values; the default class loader when not set.
         *
         * @param classLoader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /**
         * Adds a callback told of every cache when it is created (at start-up or on first use), e.g. to bind its
         * metrics. It runs under the manager's lock: keep it short.
         *
         * @param listener the callback
         * @return this builder
         */
        public Builder onCacheCreated(Consumer<? super RespkitCache> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the manager; the caches configured by name are created when the container initializes it (or
         * on {@code initializeCaches()}).
         *
         * @return the manager
         * @throws IllegalStateException when no codec factory was set and Jackson 3 is not on the class path, the
         *         codec factory cannot make codecs, or the manager is transaction-aware without spring-tx or
         *         spring-context-support
         */
        public RespkitCacheManager build() {
            ClassLoader loader = classLoader != null ? classLoader : RespkitCacheManager.class.getClassLoader();
            if (transactionAware && !(ClassUtils.isPresent(
                    "org.springframework.transaction.support.TransactionSynchronizationManager", loader)
                    && ClassUtils.isPresent("org.springframework.cache.transaction.TransactionAwareCacheDecorator",
                    loader))) {
                throw new IllegalStateException("A transaction-aware RespkitCacheManager needs Spring's transactions "
                        + "(org.springframework:spring-tx) and spring-context-support (which spring-boot-cache "
                        + "brings) on the class path: add them, or turn transaction-awareness off");
            }
            if (codecFactory == null) {
                if (!ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
                        RespkitCacheManager.class.getClassLoader())) {
                    throw new IllegalStateException("RespkitCacheManager stores values as JSON by default and "
                            + "needs Jackson 3 (tools.jackson.core:jackson-databind): add it, or set a "
                            + "codecFactory");
                }
                codecFactory = JacksonJsonCodec.factory();
            }
            try {
                codecFactory.codecFor(String.class);
            } catch (IllegalStateException e) {
                // Fail at start-up rather than on every put.
                throw new IllegalStateException("RespkitCacheManager cannot store values: " + e.getMessage(), e);
            }
            return new RespkitCacheManager(this);
        }
    }
}
