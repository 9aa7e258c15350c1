package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.PubSubListenerContainerFactory;
import io.respkit.spring.listener.config.QueueListenerContainerFactory;
import io.respkit.spring.listener.config.RedisListenerEndpoint;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.spring.listener.adapter.PayloadConverter;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.respkit.spring.listener.ListenerTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Containers built by application-defined container factories, and by programmatic endpoints, receive messages. */
@ExtendWith(RedisServerExtension.class)
class RedisListenerContainerFactoryIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static RedisClient<String> client;

    @BeforeAll
    static void connect(RedisServer server) {
        client = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class Factories {

        /** Wraps the containers of a queue factory of its own. */
        @Bean
        RecordingContainerFactory recordingQueues(RedisListenerConnections connections,
                ListenerContainerSettings settings, RedisListenerErrorHandler errorHandler) {
            return new RecordingContainerFactory(new QueueListenerContainerFactory(connections, settings, null, null,
                    errorHandler));
        }

        /** Gives its listeners a subscriber connection apart from the default one. */
        @Bean
        PubSubListenerContainerFactory isolatedPubSub(RedisListenerConnections connections,
                ListenerContainerSettings settings, RedisListenerErrorHandler errorHandler) {
            return new PubSubListenerContainerFactory(connections, settings, null, null, errorHandler);
        }
    }

    static class Listeners {

        final List<String> jobs = new CopyOnWriteArrayList<>();
        final List<String> isolated = new CopyOnWriteArrayList<>();
        final List<String> shared = new CopyOnWriteArrayList<>();

        @RedisListener(id = "factory-jobs", queue = "factory-jobs", containerFactory = "recordingQueues")
        void onJob(String job) {
            jobs.add(job);
        }

        @RedisListener(id = "factory-isolated", channels = "factory-news", containerFactory = "isolatedPubSub")
        void onIsolated(String news) {
            isolated.add(news);
        }

        @RedisListener(id = "factory-shared", channels = "factory-news")
        void onShared(String news) {
            shared.add(news);
        }
    }

    @Test
    void theContainersOfApplicationFactoriesReceiveMessages(RedisServer server) {
        runner(server).withUserConfiguration(Factories.class).withBean(Listeners.class).run(context -> {
            assertThat(context).hasNotFailed();
            Listeners l = context.getBean(Listeners.class);
            RecordingContainerFactory recording = context.getBean(RecordingContainerFactory.class);
            assertThat(recording.created).containsExactly("factory-jobs");
            assertThat(recording.starts.get()).isEqualTo(1);

            for (int i = 1; i <= 100; i++) {
                client.execute("LPUSH", "factory-jobs", "job-" + i);
            }
            await().atMost(WAIT).until(() -> l.jobs.size() >= 100);
            assertThat(l.jobs).hasSize(100).startsWith("job-1", "job-2").endsWith("job-100");

            // Two pub/sub factories, two subscriber connections: both listeners get every message.
            PubSubListenerContainer isolated = context.getBean("isolatedPubSub", PubSubListenerContainerFactory.class)
                    .getPubSubContainer();
            PubSubListenerContainer shared = context.getBean(RedisListenerEndpointRegistry.class)
                    .getPubSubContainer();
            assertThat(isolated).isNotSameAs(shared);
            await().atMost(WAIT).until(() -> isolated.isConnected() && shared.isConnected()
                    && ListenerTestSupport.numsub(client, "factory-news") == 2);
            client.execute("PUBLISH", "factory-news", "hello");
            await().atMost(WAIT).until(() -> l.isolated.size() == 1 && l.shared.size() == 1);
            assertThat(l.isolated).containsExactly("hello");
            assertThat(l.shared).containsExactly("hello");

            // Stopping one factory's listener leaves the other factory's subscriber alone.
            context.getBean(RedisListenerEndpointRegistry.class).getListenerContainer("factory-isolated").stop();
            assertThat(isolated.isRunning()).isFalse();
            assertThat(shared.isConnected()).isTrue();
        });
    }

    /** A listener described in code rather than by an annotated method. */
    record QueueEndpoint(String id, String queue, List<String> received) implements RedisListenerEndpoint {

        @Override
        public Kind kind() {
            return Kind.QUEUE;
        }

        @Override
        public RedisMessageHandler createMessageHandler(PayloadConverter converter, Charset charset) {
            return message -> received.add(new String(message.payload(), charset));
        }
    }

    @Test
    void anEndpointRegisteredInCodeWhileRunningStartsAndReceives(RedisServer server) {
        runner(server).run(context -> {
            RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
            List<String> received = new CopyOnWriteArrayList<>();
            RedisListenerContainer container = registry.registerListenerContainer(
                    new QueueEndpoint("coded", "coded-jobs", received));
            assertThat(container).isInstanceOf(QueueListenerContainer.class);
            assertThat(container.isRunning()).isTrue();
            assertThat(registry.getListenerContainer("coded")).isSameAs(container);
            client.execute("LPUSH", "coded-jobs", "a", "b");
            await().atMost(WAIT).until(() -> received.size() >= 2);
            assertThat(received).containsExactly("a", "b");
        });
    }
}
