package io.respkit.spring.listener.config;

import io.respkit.spring.listener.PubSubListenerContainer;
import io.respkit.spring.listener.RedisListenerContainer;
import io.respkit.spring.listener.RedisListenerDefinitionException;
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
 * Creates, starts and stops the containers of all {@code @RedisListener} endpoints, as Spring Kafka's
 * {@code KafkaListenerEndpointRegistry} does: for each {@link RedisListenerEndpoint} it picks a
 * {@link RedisListenerContainerFactory} bean (the one the endpoint names, else the default of the endpoint's
 * {@linkplain RedisListenerEndpoint.Kind kind}: {@value PubSubListenerContainerFactory#DEFAULT_BEAN_NAME} for
 * channels and patterns, {@value QueueListenerContainerFactory#DEFAULT_BEAN_NAME} for queues), has it build the
 * container, and owns the container from then on. Containers are not beans; look them up here by listener id to
 * start or stop them at runtime.
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

    private final Map<String, RedisListenerContainer> containers = new LinkedHashMap<>();
    private final Map<String, RedisListenerEndpoint> endpoints = new LinkedHashMap<>();
    private volatile BeanFactory beanFactory;
    private volatile boolean running;

    /**
     * Creates an empty registry; it finds container factories in the bean factory it is given.
     */
    public RedisListenerEndpointRegistry() {
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    /**
     * Creates the container of an endpoint with the container factory bean it names, or the default factory bean of
     * its kind, and starts it when the registry runs and the endpoint auto-starts.
     *
     * @param endpoint the endpoint
     * @return its container
     * @throws RedisListenerDefinitionException naming the listener when the id is taken, there is no factory bean of
     *         that name, the bean is not a {@link RedisListenerContainerFactory} or does not serve the endpoint's
     *         kind, or the factory refuses the endpoint (e.g. an unknown error handler bean, parameters that cannot
     *         be supplied)
     */
    public RedisListenerContainer registerListenerContainer(RedisListenerEndpoint endpoint) {
        return register(endpoint, null);
    }

    /**
     * Creates the container of an endpoint with the given factory, whatever the endpoint names, and starts it when
     * the registry runs and the endpoint auto-starts.
     *
     * @param endpoint the endpoint
     * @param factory the factory that builds its container
     * @return its container
     * @throws RedisListenerDefinitionException naming the listener when the id is taken, the factory does not serve
     *         the endpoint's kind, or the factory refuses the endpoint
     * @throws NullPointerException when the factory is null
     */
    public RedisListenerContainer registerListenerContainer(RedisListenerEndpoint endpoint,
            RedisListenerContainerFactory<?> factory) {
        return register(endpoint, Objects.requireNonNull(factory, "factory"));
    }

    private RedisListenerContainer register(RedisListenerEndpoint endpoint, RedisListenerContainerFactory<?> given) {
        RedisListenerContainer container;
        synchronized (containers) {
            RedisListenerEndpoint other = endpoints.get(endpoint.id());
            if (other != null) {
                throw new RedisListenerDefinitionException("@RedisListener id '" + endpoint.id() + "' of "
                        + endpoint.describe() + " is already used by " + other.describe(), "Give each "
                        + "@RedisListener a distinct id, or leave id empty for the default "
                        + "<beanName>.<methodName>, which is unique.");
            }
            RedisListenerContainerFactory<?> factory = given;
            String factoryName = null;
            if (factory == null) {
                factoryName = endpoint.containerFactory() != null ? endpoint.containerFactory()
                        : endpoint.kind().defaultContainerFactory();
                factory = lookUp(endpoint, factoryName);
            }
            requireSupported(factory, factoryName, endpoint);
            container = factory.createContainer(endpoint);
            endpoints.put(endpoint.id(), endpoint);
            containers.put(endpoint.id(), container);
        }
        log.debug("Registered {}", endpoint);
        if (running && container.isAutoStartup()) {
            container.start();
        }
        return container;
    }

    /** The factory bean of that name, or a definition error naming the listener and the bean. */
    private RedisListenerContainerFactory<?> lookUp(RedisListenerEndpoint endpoint, String name) {
        boolean named = endpoint.containerFactory() != null;
        String where = "@RedisListener '" + endpoint.id() + "' on " + endpoint.describe();
        String fallback = "leave containerFactory empty for the default factory of " + endpoint.kind()
                + " listeners, '" + endpoint.kind().defaultContainerFactory() + "'";
        BeanFactory bf = beanFactory;
        if (bf == null || !bf.containsBean(name)) {
            throw new RedisListenerDefinitionException(named
                    ? where + " names container factory bean '" + name + "', but there is no such bean"
                    : where + " is a " + endpoint.kind() + " listener, but there is no bean '" + name + "', the "
                            + "default container factory of " + endpoint.kind() + " listeners",
                    named ? "Define a RedisListenerContainerFactory bean named '" + name + "', or set "
                            + "containerFactory to the name of an existing one, or " + fallback + "."
                            : "Define a RedisListenerContainerFactory bean named '" + name + "' (the listener "
                            + "auto-configuration defines one unless the application defines its own), or name "
                            + "another factory in containerFactory.");
        }
        Object bean = bf.getBean(name);
        if (!(bean instanceof RedisListenerContainerFactory<?> factory)) {
            throw new RedisListenerDefinitionException(where + " names container factory bean '" + name
                    + "', but it is a " + bean.getClass().getName() + ", not a RedisListenerContainerFactory",
                    "Set containerFactory to the name of a RedisListenerContainerFactory bean, or " + fallback
                            + ".");
        }
        return factory;
    }

    /** Refuses a factory that does not serve the endpoint's kind, naming the listener and the factory. */
    private static void requireSupported(RedisListenerContainerFactory<?> factory, String name,
            RedisListenerEndpoint endpoint) {
        RedisListenerEndpoint.Kind kind = endpoint.kind();
        if (factory.supports(kind)) {
            return;
        }
        String which = name == null ? factory.toString() : "'" + name + "' (" + factory + ")";
        throw new RedisListenerDefinitionException("@RedisListener '" + endpoint.id() + "' on " + endpoint.describe()
                + " is a " + kind + " listener, but its container factory " + which + " does not create "
                + "containers for " + kind + " listeners", "Set containerFactory to a factory that serves " + kind
                + " listeners, or leave it empty for the default one, '" + kind.defaultContainerFactory() + "'.");
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
     * Returns the pub/sub container shared by the listeners of the default pub/sub factory (bean
     * {@value PubSubListenerContainerFactory#DEFAULT_BEAN_NAME}), e.g. to check that the subscriber is connected.
     *
     * @return the pub/sub container
     * @throws IllegalStateException when there is no such bean or it is not a {@link PubSubListenerContainerFactory}
     */
    public PubSubListenerContainer getPubSubContainer() {
        BeanFactory bf = beanFactory;
        String name = PubSubListenerContainerFactory.DEFAULT_BEAN_NAME;
        Object factory = bf != null && bf.containsBean(name) ? bf.getBean(name) : null;
        if (factory instanceof PubSubListenerContainerFactory pubSub) {
            return pubSub.getPubSubContainer();
        }
        throw new IllegalStateException("There is no bean '" + name + "' of type PubSubListenerContainerFactory"
                + (factory == null ? "" : " (it is a " + factory.getClass().getName() + ")")
                + "; ask the pub/sub factory in use for its container");
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
