package io.respkit.spring.listener.config;

import io.respkit.connection.RedisConfig;
import io.respkit.spring.listener.RedisListenerConnections;
import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.PubSubListenerContainer;
import io.respkit.spring.listener.QueueListenerContainer;
import io.respkit.spring.listener.QueueListenerSpec;
import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisListenerContainer;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.spring.listener.adapter.MessagingMethodInvoker;
import io.respkit.spring.listener.adapter.PayloadConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates, starts and stops the containers of all {@code @RedisListener} endpoints: one shared
 * {@link PubSubListenerContainer} for channel and pattern listeners and one {@link QueueListenerContainer} per queue
 * listener. Containers are not beans; look them up here by listener id to start or stop them at runtime.
 *
 * <p>A {@link SmartLifecycle} in a late phase ({@link #DEFAULT_PHASE}): containers start after everything else is
 * ready and stop first on shutdown. Stopping asks every container to stop taking messages before waiting for any,
 * so that shutdown timeouts overlap rather than add up.
 *
 * <p>Thread-safe.
 */
public final class RedisListenerEndpointRegistry implements SmartLifecycle, BeanFactoryAware, DisposableBean {

    /** The bean name the auto-configuration uses. */
    public static final String BEAN_NAME = "redisListenerEndpointRegistry";

    /** Late start, early stop, like Spring Kafka's containers. */
    public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

    private static final Logger log = LoggerFactory.getLogger(RedisListenerEndpointRegistry.class);

    private final RedisListenerConnections connections;
    private final ListenerContainerSettings settings;
    private final RedisListenerMetrics metrics;
    private final PayloadConverter converter;
    private final RedisListenerErrorHandler defaultErrorHandler;
    private final PubSubListenerContainer pubSub;
    private final Map<String, RedisListenerContainer> containers = new LinkedHashMap<>();
    private final Map<String, MethodRedisListenerEndpoint> endpoints = new LinkedHashMap<>();
    private BeanFactory beanFactory;
    private volatile boolean running;

    /**
     * Creates an empty registry.
     *
     * @param config where containers connect
     * @param settings container settings and defaults
     * @param metrics the metrics, or {@code null} for none
     * @param converter converts JSON payloads, or {@code null} when Jackson is absent
     * @param defaultErrorHandler the error handler of listeners that name none
     * @throws NullPointerException when config, settings or defaultErrorHandler is null
     */
    public RedisListenerEndpointRegistry(RedisConfig config, ListenerContainerSettings settings,
            RedisListenerMetrics metrics, PayloadConverter converter, RedisListenerErrorHandler defaultErrorHandler) {
        this(RedisListenerConnections.of(Objects.requireNonNull(config, "config")), settings, metrics, converter,
                defaultErrorHandler);
    }

    /**
     * Creates an empty registry whose containers connect to one server or to a Redis Cluster.
     *
     * @param connections where containers connect
     * @param settings container settings and defaults
     * @param metrics the metrics, or {@code null} for none
     * @param converter converts JSON payloads, or {@code null} when Jackson is absent
     * @param defaultErrorHandler the error handler of listeners that name none
     * @throws NullPointerException when connections, settings or defaultErrorHandler is null
     */
    public RedisListenerEndpointRegistry(RedisListenerConnections connections, ListenerContainerSettings settings,
            RedisListenerMetrics metrics, PayloadConverter converter, RedisListenerErrorHandler defaultErrorHandler) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = metrics == null ? RedisListenerMetrics.noop() : metrics;
        this.converter = converter;
        this.defaultErrorHandler = Objects.requireNonNull(defaultErrorHandler, "defaultErrorHandler");
        this.pubSub = new PubSubListenerContainer(connections, settings, this.metrics);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    /**
     * Creates the container of an endpoint, and starts it when the registry runs and the endpoint auto-starts.
     *
     * @param endpoint the endpoint
     * @return its container
     * @throws RedisListenerDefinitionException naming the method when the id is taken, the error handler bean is
     *         missing, or the method's parameters cannot be supplied (e.g. JSON payload without Jackson)
     */
    public RedisListenerContainer registerListenerContainer(MethodRedisListenerEndpoint endpoint) {
        RedisListenerContainer container;
        synchronized (containers) {
            MethodRedisListenerEndpoint other = endpoints.get(endpoint.id());
            if (other != null) {
                throw new RedisListenerDefinitionException("@RedisListener id '" + endpoint.id() + "' of "
                        + MessagingMethodInvoker.describe(endpoint.method()) + " is already used by "
                        + MessagingMethodInvoker.describe(other.method()), "Give each @RedisListener a distinct "
                        + "id, or leave id empty for the default <beanName>.<methodName>, which is unique.");
            }
            MessagingMethodInvoker invoker = new MessagingMethodInvoker(endpoint.id(), endpoint.bean(),
                    endpoint.method(), converter, connections.charset());
            RedisListenerErrorHandler errorHandler = errorHandler(endpoint);
            boolean autoStartup = endpoint.autoStartup() != null ? endpoint.autoStartup()
                    : settings.defaultAutoStartup();
            if (endpoint.kind() == MethodRedisListenerEndpoint.Kind.QUEUE) {
                String queue = endpoint.queue();
                String deadLetterQueue = deadLetterQueue(endpoint);
                QueueListenerSpec spec = new QueueListenerSpec(endpoint.id(), queue,
                        endpoint.concurrency() != null ? endpoint.concurrency() : settings.defaultConcurrency(),
                        endpoint.reliable(),
                        deadLetterQueue,
                        endpoint.maxAttempts() != null ? endpoint.maxAttempts() : settings.defaultMaxAttempts(),
                        autoStartup,
                        endpoint.batchSize() != null ? endpoint.batchSize() : settings.defaultBatchSize());
                container = new QueueListenerContainer(spec, invoker, errorHandler, connections, settings, metrics);
            } else {
                container = pubSub.addListener(endpoint.id(), endpoint.channels(), endpoint.patterns(), invoker,
                        errorHandler, autoStartup);
            }
            endpoints.put(endpoint.id(), endpoint);
            containers.put(endpoint.id(), container);
        }
        log.debug("Registered {}", endpoint);
        if (running && container.isAutoStartup()) {
            container.start();
        }
        return container;
    }

    /**
     * The endpoint's dead-letter list, by default {@code <queue>:dead} ({@code {queue}:dead} on a cluster). On a
     * cluster a reliable queue's keys must share its hash slot, or the atomic moves between them fail.
     */
    private String deadLetterQueue(MethodRedisListenerEndpoint endpoint) {
        String queue = endpoint.queue();
        String where = "@RedisListener '" + endpoint.id() + "' of "
                + MessagingMethodInvoker.describe(endpoint.method());
        String dead;
        try {
            dead = endpoint.deadLetterQueue() != null ? endpoint.deadLetterQueue()
                    : connections.defaultDeadLetterQueue(queue);
        } catch (IllegalArgumentException e) {
            throw new RedisListenerDefinitionException(where + ": " + e.getMessage(), "Give the queue a name "
                    + "without '}' or with a {hash tag}, e.g. {jobs}.");
        }
        if (endpoint.reliable() && endpoint.deadLetterQueue() != null && connections.isCluster()
                && !connections.sameSlot(queue, dead)) {
            throw new RedisListenerDefinitionException(where + " has dead-letter list '" + dead + "' in another "
                    + "hash slot than its queue '" + queue + "': on a Redis Cluster a reliable queue moves items "
                    + "between them atomically, which needs one slot", "Give both the same {hash tag}, e.g. queue "
                    + "'{jobs}' and dead-letter list '{jobs}:dead', or leave deadLetterQueue empty for '"
                    + connections.defaultDeadLetterQueue(queue) + "'.");
        }
        return dead;
    }

    private RedisListenerErrorHandler errorHandler(MethodRedisListenerEndpoint endpoint) {
        String name = endpoint.errorHandler();
        if (name == null) {
            return defaultErrorHandler;
        }
        if (beanFactory == null || !beanFactory.containsBean(name)) {
            throw new RedisListenerDefinitionException("@RedisListener on "
                    + MessagingMethodInvoker.describe(endpoint.method()) + " names error handler bean '" + name
                    + "', but there is no such bean", "Define a bean of type RedisListenerErrorHandler named '"
                    + name + "', or set errorHandler to the name of an existing one (leave it empty for the "
                    + "default, which logs).");
        }
        return beanFactory.getBean(name, RedisListenerErrorHandler.class);
    }

    /**
     * Returns the container of a listener.
     *
     * @param id the listener id
     * @return the container, or {@code null} when no listener has that id
     */
    public RedisListenerContainer getListenerContainer(String id) {
        synchronized (containers) {
            return containers.get(id);
        }
    }

    /**
     * Returns all containers, in registration order.
     *
     * @return an unmodifiable snapshot
     */
    public Collection<RedisListenerContainer> getListenerContainers() {
        synchronized (containers) {
            return List.copyOf(containers.values());
        }
    }

    /**
     * Returns the ids of all listeners.
     *
     * @return an unmodifiable snapshot
     */
    public Set<String> getListenerContainerIds() {
        synchronized (containers) {
            return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(containers.keySet()));
        }
    }

    /**
     * Returns the shared pub/sub container, e.g. to check that the subscriber is connected.
     *
     * @return the pub/sub container
     */
    public PubSubListenerContainer getPubSubContainer() {
        return pubSub;
    }

    /**
     * Starts every auto-startup container.
     */
    @Override
    public void start() {
        running = true;
        for (RedisListenerContainer c : getListenerContainers()) {
            if (c.isAutoStartup()) {
                c.start();
            }
        }
    }

    /**
     * Stops every container: all stop taking messages first, then each is waited for.
     */
    @Override
    public void stop() {
        running = false;
        List<RedisListenerContainer> all = new ArrayList<>(getListenerContainers());
        for (RedisListenerContainer c : all) {
            c.requestStop();
        }
        for (RedisListenerContainer c : all) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                log.warn("Stopping Redis listener '{}' failed", c.getListenerId(), e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    /**
     * Stops everything when the context closes without a lifecycle stop (e.g. a failed refresh).
     */
    @Override
    public void destroy() {
        stop();
    }
}
