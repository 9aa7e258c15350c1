package io.respkit.spring.listener.config;

import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.RedisListenerConnections;
import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.spring.listener.ListenerDeliveryObserver;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.RedisMessageHandler;
import io.respkit.spring.listener.RedisStreamHandler;
import io.respkit.spring.listener.adapter.PayloadConverter;
import io.respkit.stream.StreamMessage;
import org.springframework.beans.factory.BeanFactory;

import java.util.List;
import java.util.Objects;

/**
 * What the default container factories share: where containers connect, their settings and defaults, metrics,
 * payload conversion, the default error handler, and the resolution of an endpoint's handler, error handler and
 * auto-startup flag.
 *
 * <p>Thread-safe: the bean factory is set once, while the context starts, before any container is created.
 */
final class ContainerFactorySupport {

    private final RedisListenerConnections connections;
    private final ListenerContainerSettings settings;
    private final RedisListenerMetrics metrics;
    private final PayloadConverter converter;
    private final RedisListenerErrorHandler defaultErrorHandler;
    private volatile BeanFactory beanFactory;

    ContainerFactorySupport(RedisListenerConnections connections, ListenerContainerSettings settings,
            RedisListenerMetrics metrics, PayloadConverter converter, RedisListenerErrorHandler defaultErrorHandler) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = metrics == null ? RedisListenerMetrics.noop() : metrics;
        this.converter = converter;
        this.defaultErrorHandler = Objects.requireNonNull(defaultErrorHandler, "defaultErrorHandler");
    }

    void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    RedisListenerConnections connections() {
        return connections;
    }

    ListenerContainerSettings settings() {
        return settings;
    }

    RedisListenerMetrics metrics() {
        return metrics;
    }

    /** The endpoint's handler; throws a definition error when its method's parameters cannot be supplied. */
    RedisMessageHandler handler(RedisListenerEndpoint endpoint) {
        RedisMessageHandler handler = endpoint.createMessageHandler(converter, connections.charset());
        ListenerDeliveryObserver observer = observer();
        if (observer == null) {
            return handler;
        }
        String id = endpoint.id();
        return message -> {
            ListenerDeliveryObserver.Delivery delivery = observer.start(id, message);
            try {
                handler.handle(message);
            } catch (Exception | Error e) {
                delivery.failed(e);
                throw e;
            }
            delivery.succeeded();
        };
    }

    /** A stream endpoint's handler; throws a definition error when its method's parameters cannot be supplied. */
    RedisStreamHandler streamHandler(RedisListenerEndpoint endpoint) {
        RedisStreamHandler handler = endpoint.createStreamHandler(converter, connections.charset());
        ListenerDeliveryObserver observer = observer();
        if (observer == null) {
            return handler;
        }
        String id = endpoint.id();
        return new RedisStreamHandler() {
            @Override
            public boolean isBatch() {
                return handler.isBatch();
            }

            @Override
            public void handle(StreamMessage<String> message) throws Exception {
                observed(observer, id, message.stream(), (int) Math.max(1, message.deliveryCount()),
                        () -> handler.handle(message));
            }

            @Override
            public void handleBatch(List<StreamMessage<String>> messages) throws Exception {
                String stream = messages.isEmpty() ? endpoint.stream() : messages.get(0).stream();
                observed(observer, id, stream, 1, () -> handler.handleBatch(messages));
            }
        };
    }

    /** Work that may throw anything a listener method throws. */
    private interface Delivery {
        void run() throws Exception;
    }

    private static void observed(ListenerDeliveryObserver observer, String id, String stream, int attempt,
            Delivery work) throws Exception {
        ListenerDeliveryObserver.Delivery delivery = observer.start(id,
                new RedisMessage<>(stream, null, null, RedisMessage.Kind.STREAM, attempt));
        try {
            work.run();
        } catch (Exception | Error e) {
            delivery.failed(e);
            throw e;
        }
        delivery.succeeded();
    }

    private ListenerDeliveryObserver observer() {
        BeanFactory bf = beanFactory;
        return bf == null ? null : bf.getBeanProvider(ListenerDeliveryObserver.class).getIfUnique();
    }

    boolean autoStartup(RedisListenerEndpoint endpoint) {
        Boolean autoStartup = endpoint.autoStartup();
        return autoStartup != null ? autoStartup : settings.defaultAutoStartup();
    }

    RedisListenerErrorHandler errorHandler(RedisListenerEndpoint endpoint) {
        String name = endpoint.errorHandler();
        if (name == null) {
            return defaultErrorHandler;
        }
        BeanFactory bf = beanFactory;
        if (bf == null || !bf.containsBean(name)) {
            throw new RedisListenerDefinitionException("@RedisListener on " + endpoint.describe()
                    + " names error handler bean '" + name + "', but there is no such bean", "Define a bean of type "
                    + "RedisListenerErrorHandler named '" + name + "', or set errorHandler to the name of an "
                    + "existing one (leave it empty for the default, which logs).");
        }
        return bf.getBean(name, RedisListenerErrorHandler.class);
    }

    /** Refuses an endpoint of a kind the factory does not serve; the registry checks first, so this is a bug guard. */
    static void requireKind(RedisListenerContainerFactory<?> factory, RedisListenerEndpoint endpoint) {
        if (!factory.supports(endpoint.kind())) {
            throw new IllegalArgumentException(factory + " does not create containers for " + endpoint.kind()
                    + " listeners such as '" + endpoint.id() + "'");
        }
    }
}
