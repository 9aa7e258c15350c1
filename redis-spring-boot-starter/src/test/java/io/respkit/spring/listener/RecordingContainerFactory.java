package io.respkit.spring.listener;

import io.respkit.spring.listener.config.RedisListenerContainerFactory;
import io.respkit.spring.listener.config.RedisListenerEndpoint;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application-defined container factory as the tests use one: it has another factory build each container and
 * wraps it, recording which endpoints it served and how often its containers were started.
 */
final class RecordingContainerFactory implements RedisListenerContainerFactory<RedisListenerContainer> {

    final RedisListenerContainerFactory<?> delegate;
    final List<String> created = new CopyOnWriteArrayList<>();
    final AtomicInteger starts = new AtomicInteger();

    RecordingContainerFactory(RedisListenerContainerFactory<?> delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean supports(RedisListenerEndpoint.Kind kind) {
        return delegate.supports(kind);
    }

    @Override
    public RedisListenerContainer createContainer(RedisListenerEndpoint endpoint) {
        RedisListenerContainer container = delegate.createContainer(endpoint);
        created.add(endpoint.id());
        return new RedisListenerContainer() {
            @Override
            public String getListenerId() {
                return container.getListenerId();
            }

            @Override
            public void start() {
                starts.incrementAndGet();
                container.start();
            }

            @Override
            public void stop() {
                container.stop();
            }

            @Override
            public void requestStop() {
                container.requestStop();
            }

            @Override
            public boolean isRunning() {
                return container.isRunning();
            }

            @Override
            public boolean isAutoStartup() {
                return container.isAutoStartup();
            }

            @Override
            public String toString() {
                return "Recording[" + container + "]";
            }
        };
    }

    @Override
    public String toString() {
        return "RecordingContainerFactory[" + delegate + "]";
    }
}
