package io.respkit.spring.listener.config;

import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.PubSubListenerContainer;
import io.respkit.spring.listener.RedisListenerConnections;
import io.respkit.spring.listener.RedisListenerContainer;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.spring.listener.adapter.PayloadConverter;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;

/**
 * The container factory of channel and pattern listeners ({@link RedisListenerEndpoint.Kind#CHANNELS},
 * {@link RedisListenerEndpoint.Kind#PATTERNS}): every listener it serves shares the factory's one
 * {@link PubSubListenerContainer}, so one subscriber connection per factory. Each returned container starts and
 * stops its listener's subscriptions on that connection. A second factory bean (with other connections or
 * settings) gives the listeners naming it a subscriber connection of their own.
 *
 * <p>The listener auto-configuration defines one under {@link #DEFAULT_BEAN_NAME}, unless the application
 * defines a bean of that name.
 *
 * <p>Thread-safe.
 */
public final class PubSubListenerContainerFactory
        implements RedisListenerContainerFactory<RedisListenerContainer>, BeanFactoryAware {

    /** The bean name of the default factory of channel and pattern listeners. */
    public static final String DEFAULT_BEAN_NAME = "redisPubSubListenerContainerFactory";

    private final ContainerFactorySupport support;
    private final PubSubListenerContainer pubSub;

    /**
     * Creates a factory whose listeners subscribe on one server, a Redis Cluster or a Sentinel primary.
     *
     * @param connections where the subscriber connects
     * @param settings poll timeout, shutdown timeout, recovery back-off, threading and defaults
     * @param metrics the metrics, or {@code null} for none
     * @param converter converts JSON payloads, or {@code null} when Jackson is absent
     * @param defaultErrorHandler the error handler of listeners that name none
     * @throws NullPointerException when connections, settings or defaultErrorHandler is null
     */
    public PubSubListenerContainerFactory(RedisListenerConnections connections, ListenerContainerSettings settings,
            RedisListenerMetrics metrics, PayloadConverter converter, RedisListenerErrorHandler defaultErrorHandler) {
        this.support = new ContainerFactorySupport(connections, settings, metrics, converter, defaultErrorHandler);
        this.pubSub = new PubSubListenerContainer(connections, settings, support.metrics());
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
     * Serves channel and pattern listeners.
     *
     * @param kind the endpoint's kind
     * @return {@code true} for {@code CHANNELS} and {@code PATTERNS}
     */
    @Override
    public boolean supports(RedisListenerEndpoint.Kind kind) {
        return kind == RedisListenerEndpoint.Kind.CHANNELS || kind == RedisListenerEndpoint.Kind.PATTERNS;
    }

    /**
     * Adds the endpoint's listener, stopped, to the shared pub/sub container.
     *
     * @param endpoint a channel or pattern endpoint
     * @return the listener's container
     * @throws io.respkit.spring.listener.RedisListenerDefinitionException naming the method when its parameters
     *         cannot be supplied or its error handler bean does not exist
     * @throws IllegalArgumentException for another kind of endpoint
     */
    @Override
    public RedisListenerContainer createContainer(RedisListenerEndpoint endpoint) {
        ContainerFactorySupport.requireKind(this, endpoint);
        return pubSub.addListener(endpoint.id(), endpoint.channels(), endpoint.patterns(), support.handler(endpoint),
                support.errorHandler(endpoint), support.autoStartup(endpoint));
    }

    /**
     * Returns the pub/sub container shared by this factory's listeners, e.g. to check that the subscriber is
     * connected.
     *
     * @return the container
     */
    public PubSubListenerContainer getPubSubContainer() {
        return pubSub;
    }

    @Override
    public String toString() {
        return "PubSubListenerContainerFactory[" + support.connections() + "]";
    }
}
