package io.respkit.spring.listener.config;

import io.respkit.spring.listener.RedisListenerContainer;
import io.respkit.spring.listener.RedisListenerDefinitionException;

/**
 * Builds the container of a {@link RedisListenerEndpoint}, as Spring Kafka's {@code KafkaListenerContainerFactory}
 * does: the {@link RedisListenerEndpointRegistry} picks a factory per endpoint (the bean named by
 * {@code @RedisListener(containerFactory = "...")}, else the default bean of the endpoint's
 * {@linkplain RedisListenerEndpoint.Kind kind}), checks with {@link #supports} that it serves the endpoint's kind,
 * and owns, starts and stops the containers it returns.
 *
 * <p>The listener auto-configuration defines {@link PubSubListenerContainerFactory} (channels and patterns) and
 * {@link QueueListenerContainerFactory} (list queues) under their {@code DEFAULT_BEAN_NAME}s; a bean of the same
 * name replaces a default, and further factory beans (for example with other settings, another server or
 * containers wrapped for instrumentation) are used by the listeners that name them.
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <C> the type of container built
 */
public interface RedisListenerContainerFactory<C extends RedisListenerContainer> {

    /**
     * Tells whether this factory builds containers for endpoints of a kind; the registry asks before
     * {@link #createContainer}, and fails the listener's definition when the answer is no.
     *
     * @param kind the endpoint's kind
     * @return {@code true} when {@link #createContainer} accepts endpoints of that kind
     */
    boolean supports(RedisListenerEndpoint.Kind kind);

    /**
     * Builds a stopped container for an endpoint whose kind this factory {@linkplain #supports supports}; the
     * registry starts it.
     *
     * @param endpoint the endpoint
     * @return the container, whose {@link RedisListenerContainer#getListenerId()} is the endpoint's id
     * @throws RedisListenerDefinitionException naming the listener when its definition cannot be served (e.g. a
     *         method parameter that cannot be supplied, an unknown error handler bean)
     * @throws IllegalArgumentException when the endpoint's kind is not supported
     */
    C createContainer(RedisListenerEndpoint endpoint);
}
