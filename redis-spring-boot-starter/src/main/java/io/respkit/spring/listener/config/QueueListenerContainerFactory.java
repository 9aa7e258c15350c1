package io.respkit.spring.listener.config;

import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.QueueListenerContainer;
import io.respkit.spring.listener.QueueListenerSpec;
import io.respkit.spring.listener.RedisListenerConnections;
import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.spring.listener.RedisMessageHandler;
import io.respkit.spring.listener.adapter.PayloadConverter;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;

/**
 * The container factory of list queue listeners ({@link RedisListenerEndpoint.Kind#QUEUE}): one
 * {@link QueueListenerContainer} per listener, its workers on connections of their own. Settings the endpoint
 * leaves {@code null} (concurrency, attempts, batch size, auto-startup) take the factory's
 * {@link ListenerContainerSettings} defaults; the dead-letter list defaults to {@code <queue>:dead} (on a
 * cluster, in the queue's hash slot).
 *
 * <p>The listener auto-configuration defines one under {@link #DEFAULT_BEAN_NAME}, unless the application
 * defines a bean of that name.
 *
 * <p>Thread-safe.
 */
public final class QueueListenerContainerFactory
        implements RedisListenerContainerFactory<QueueListenerContainer>, BeanFactoryAware {

    /** The bean name of the default factory of queue listeners. */
    public static final String DEFAULT_BEAN_NAME = "redisQueueListenerContainerFactory";

    private final ContainerFactorySupport support;

    /**
     * Creates a factory whose containers connect to one server, a Redis Cluster or a Sentinel primary.
     *
     * @param connections where workers connect
     * @param settings poll timeout, shutdown timeout, back-offs, threading and defaults
     * @param metrics the metrics, or {@code null} for none
     * @param converter converts JSON payloads, or {@code null} when Jackson is absent
     * @param defaultErrorHandler the error handler of listeners that name none
     * @throws NullPointerException when connections, settings or defaultErrorHandler is null
     */
    public QueueListenerContainerFactory(RedisListenerConnections connections, ListenerContainerSettings settings,
            RedisListenerMetrics metrics, PayloadConverter converter, RedisListenerErrorHandler defaultErrorHandler) {
        this.support = new ContainerFactorySupport(connections, settings, metrics, converter, defaultErrorHandler);
    }

    /**
     * Receives the bean factory in which error handlers named by listeners are looked up.
     *
     * @param beanFactory the bean factory
     */
    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        support.setBeanFactory(beanFactory);
    }

    /**
     * Serves queue listeners.
     *
     * @param kind the endpoint's kind
     * @return {@code true} for {@code QUEUE}
     */
    @Override
    public boolean supports(RedisListenerEndpoint.Kind kind) {
        return kind == RedisListenerEndpoint.Kind.QUEUE;
    }

    /**
     * Builds a stopped container for a queue endpoint.
     *
     * @param endpoint a queue endpoint
     * @return its container
     * @throws RedisListenerDefinitionException naming the method when its parameters cannot be supplied, its error
     *         handler bean does not exist, or (on a cluster) its queue or dead-letter list cannot be put in one
     *         hash slot
     * @throws IllegalArgumentException for another kind of endpoint
     */
    @Override
    public QueueListenerContainer createContainer(RedisListenerEndpoint endpoint) {
        ContainerFactorySupport.requireKind(this, endpoint);
        ListenerContainerSettings settings = support.settings();
        RedisMessageHandler handler = support.handler(endpoint);
        RedisListenerErrorHandler errorHandler = support.errorHandler(endpoint);
        QueueListenerSpec spec = new QueueListenerSpec(endpoint.id(), endpoint.queue(),
                endpoint.concurrency() != null ? endpoint.concurrency() : settings.defaultConcurrency(),
                endpoint.reliable(),
                deadLetterQueue(endpoint),
                endpoint.maxAttempts() != null ? endpoint.maxAttempts() : settings.defaultMaxAttempts(),
                support.autoStartup(endpoint),
                endpoint.batchSize() != null ? endpoint.batchSize() : settings.defaultBatchSize());
        return new QueueListenerContainer(spec, handler, errorHandler, support.connections(), settings,
                support.metrics());
    }

    /**
     * The endpoint's dead-letter list, by default {@code <queue>:dead} ({@code {queue}:dead} on a cluster). On a
     * cluster a reliable queue's keys must share its hash slot, or the atomic moves between them fail.
     */
    private String deadLetterQueue(RedisListenerEndpoint endpoint) {
        RedisListenerConnections connections = support.connections();
        String queue = endpoint.queue();
        String where = "@RedisListener '" + endpoint.id() + "' of " + endpoint.describe();
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

    @Override
    public String toString() {
        return "QueueListenerContainerFactory[" + support.connections() + "]";
    }
}
