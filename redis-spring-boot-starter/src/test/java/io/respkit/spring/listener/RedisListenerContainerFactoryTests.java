package io.respkit.spring.listener;

import io.respkit.connection.RedisConfig;
import io.respkit.spring.boot.autoconfigure.RedisListenerAutoConfiguration;
import io.respkit.spring.listener.adapter.PayloadConverter;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.PubSubListenerContainerFactory;
import io.respkit.spring.listener.config.QueueListenerContainerFactory;
import io.respkit.spring.listener.config.RedisListenerContainerFactory;
import io.respkit.spring.listener.config.RedisListenerEndpoint;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import java.nio.charset.Charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which container factory builds a listener's container: the defaults the auto-configuration defines, an
 * application bean replacing one, a factory named in {@code containerFactory}, and the startup errors of a wrong
 * name or kind. No listener starts, so no server is needed.
 */
class RedisListenerContainerFactoryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisListenerAutoConfiguration.class))
            .withBean(RedisConfig.class, () -> RedisConfig.builder().host("127.0.0.1").port(1).build())
            .withPropertyValues("redis.listener.auto-startup=false");

    static class ChannelAndQueue {
        @RedisListener(id = "news", channels = "news")
        void news(String payload) {
        }

        @RedisListener(id = "jobs", queue = "jobs")
        void jobs(String payload) {
        }
    }

    static class NamedFactory {
        @RedisListener(id = "bulk", queue = "bulk", containerFactory = "${app.factory}")
        void bulk(String payload) {
        }

        @RedisListener(id = "jobs", queue = "jobs")
        void jobs(String payload) {
        }
    }

    static class UnknownFactory {
        @RedisListener(queue = "jobs", containerFactory = "noSuchFactory")
        void jobs(String payload) {
        }
    }

    static class QueueOnPubSubFactory {
        @RedisListener(queue = "jobs", containerFactory = PubSubListenerContainerFactory.DEFAULT_BEAN_NAME)
        void jobs(String payload) {
        }
    }

    static class ChannelOnQueueFactory {
        @RedisListener(channels = "news", containerFactory = "bulkQueues")
        void news(String payload) {
        }
    }

    static class NotAFactory {
        @RedisListener(channels = "news", containerFactory = "someString")
        void news(String payload) {
        }
    }

    /** A second queue factory with other defaults, built from the beans the auto-configuration exposes. */
    @Configuration(proxyBeanMethods = false)
    static class BulkQueuesConfiguration {

        @Bean
        QueueListenerContainerFactory bulkQueues(RedisListenerConnections connections,
                ListenerContainerSettings s, RedisListenerErrorHandler errorHandler) {
            ListenerContainerSettings bulk = new ListenerContainerSettings(s.pollTimeout(), s.shutdownTimeout(),
                    s.recovery(), s.retryBackoff(), s.defaultAutoStartup(), 3, s.defaultMaxAttempts(), 50,
                    s.virtualThreads(), s.consumerIdPrefix());
            return new QueueListenerContainerFactory(connections, bulk, null, null, errorHandler);
        }
    }

    /** Replaces the default queue factory by its bean name. */
    @Configuration(proxyBeanMethods = false)
    static class ReplacedQueueFactoryConfiguration {

        @Bean(QueueListenerContainerFactory.DEFAULT_BEAN_NAME)
        RecordingContainerFactory myQueues(RedisListenerConnections connections, ListenerContainerSettings settings,
                RedisListenerErrorHandler errorHandler) {
            return new RecordingContainerFactory(new QueueListenerContainerFactory(connections, settings, null, null,
                    errorHandler));
        }
    }

    private static RedisListenerDefinitionException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
        assertThat(cause).isInstanceOf(RedisListenerDefinitionException.class);
        return (RedisListenerDefinitionException) cause;
    }

    @Test
    void theDefaultFactoriesAreBeansByNameAndBuildTheContainersOfTheirKind() {
        runner.withBean(ChannelAndQueue.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(PubSubListenerContainerFactory.DEFAULT_BEAN_NAME)
                    .isInstanceOf(PubSubListenerContainerFactory.class);
            assertThat(context).getBean(QueueListenerContainerFactory.DEFAULT_BEAN_NAME)
                    .isInstanceOf(QueueListenerContainerFactory.class);
            assertThat(context).hasSingleBean(RedisListenerConnections.class)
                    .hasSingleBean(ListenerContainerSettings.class);
            RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
            assertThat(registry.getListenerContainer("jobs")).isInstanceOf(QueueListenerContainer.class);
            assertThat(registry.getListenerContainer("news").toString()).contains("PubSubListener[news");
            assertThat(registry.getPubSubContainer()).isSameAs(context.getBean(PubSubListenerContainerFactory.class)
                    .getPubSubContainer());
            PubSubListenerContainerFactory pubSub = context.getBean(PubSubListenerContainerFactory.class);
            QueueListenerContainerFactory queues = context.getBean(QueueListenerContainerFactory.class);
            for (RedisListenerEndpoint.Kind kind : RedisListenerEndpoint.Kind.values()) {
                RedisListenerContainerFactory<?> byDefault = context.getBean(kind.defaultContainerFactory(),
                        RedisListenerContainerFactory.class);
                assertThat(byDefault.supports(kind)).as(kind.name()).isTrue();
            }
            assertThat(pubSub.supports(RedisListenerEndpoint.Kind.QUEUE)).isFalse();
            assertThat(queues.supports(RedisListenerEndpoint.Kind.CHANNELS)).isFalse();
            assertThat(queues.supports(RedisListenerEndpoint.Kind.PATTERNS)).isFalse();
        });
    }

    @Test
    void anApplicationBeanOfTheDefaultNameReplacesTheDefaultFactory() {
        runner.withUserConfiguration(ReplacedQueueFactoryConfiguration.class).withBean(ChannelAndQueue.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(QueueListenerContainerFactory.class);
                    RecordingContainerFactory mine = context.getBean(RecordingContainerFactory.class);
                    assertThat(mine.created).containsExactly("jobs");
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    assertThat(registry.getListenerContainer("jobs").toString()).startsWith("Recording[");
                    // The other default stays.
                    assertThat(context).hasSingleBean(PubSubListenerContainerFactory.class);
                });
    }

    @Test
    void aListenerNamingAFactoryGetsItsContainerFromThatFactory() {
        runner.withUserConfiguration(BulkQueuesConfiguration.class).withBean(NamedFactory.class)
                .withPropertyValues("app.factory=bulkQueues").run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    // The named factory's defaults apply to its listener only.
                    assertThat(registry.getListenerContainer("bulk").toString()).contains("concurrency=3",
                            "batchSize=50");
                    assertThat(registry.getListenerContainer("jobs").toString()).contains("concurrency=1",
                            "batchSize=1");
                    // The application's factory does not take the default's place.
                    assertThat(context).getBean(QueueListenerContainerFactory.DEFAULT_BEAN_NAME)
                            .isNotSameAs(context.getBean("bulkQueues"));
                });
    }

    @Test
    void anUnknownFactoryNameFailsNamingTheMethodAndTheName() {
        runner.withBean(UnknownFactory.class).run(context -> {
            RedisListenerDefinitionException e = failure(context);
            assertThat(e).hasMessageContaining(UnknownFactory.class.getName() + ".jobs(String)")
                    .hasMessageContaining("container factory bean 'noSuchFactory'")
                    .hasMessageContaining("no such bean");
            assertThat(e.action()).contains("'noSuchFactory'")
                    .contains(QueueListenerContainerFactory.DEFAULT_BEAN_NAME);
        });
    }

    @Test
    void aFactoryOfAnotherKindFailsNamingTheMethodAndTheFactory() {
        runner.withBean(QueueOnPubSubFactory.class).run(context -> {
            RedisListenerDefinitionException e = failure(context);
            assertThat(e).hasMessageContaining(QueueOnPubSubFactory.class.getName() + ".jobs(String)")
                    .hasMessageContaining("is a QUEUE listener")
                    .hasMessageContaining("'" + PubSubListenerContainerFactory.DEFAULT_BEAN_NAME + "'")
                    .hasMessageContaining("does not create containers for QUEUE listeners");
            assertThat(e.action()).contains(QueueListenerContainerFactory.DEFAULT_BEAN_NAME);
        });
        runner.withUserConfiguration(BulkQueuesConfiguration.class).withBean(ChannelOnQueueFactory.class)
                .run(context -> assertThat(failure(context))
                        .hasMessageContaining(ChannelOnQueueFactory.class.getName() + ".news(String)")
                        .hasMessageContaining("is a CHANNELS listener")
                        .hasMessageContaining("'bulkQueues'"));
    }

    @Test
    void aBeanThatIsNoFactoryFailsNamingItsType() {
        runner.withBean("someString", String.class, () -> "not a factory").withBean(NotAFactory.class)
                .run(context -> assertThat(failure(context))
                        .hasMessageContaining(NotAFactory.class.getName() + ".news(String)")
                        .hasMessageContaining("'someString'")
                        .hasMessageContaining("java.lang.String, not a RedisListenerContainerFactory"));
    }

    /** A queue listener described in code. */
    record CodedQueue(String id) implements RedisListenerEndpoint {

        @Override
        public Kind kind() {
            return Kind.QUEUE;
        }

        @Override
        public String queue() {
            return "coded";
        }

        @Override
        public RedisMessageHandler createMessageHandler(PayloadConverter converter, Charset charset) {
            return message -> { };
        }
    }

    @Test
    void aFactoryGivenInCodeIsCheckedForTheKindToo() {
        runner.run(context -> {
            RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
            PubSubListenerContainerFactory pubSub = context.getBean(PubSubListenerContainerFactory.class);
            assertThatThrownBy(() -> registry.registerListenerContainer(new CodedQueue("coded"), pubSub))
                    .isInstanceOf(RedisListenerDefinitionException.class)
                    .hasMessageContaining("endpoint 'coded'")
                    .hasMessageContaining("is a QUEUE listener")
                    .hasMessageContaining("PubSubListenerContainerFactory[");
            assertThat(registry.getListenerContainer("coded")).isNull();
            QueueListenerContainerFactory queues = context.getBean(QueueListenerContainerFactory.class);
            assertThat(registry.registerListenerContainer(new CodedQueue("coded"), queues))
                    .isInstanceOf(QueueListenerContainer.class);
            assertThatThrownBy(() -> registry.registerListenerContainer(new CodedQueue("coded")))
                    .isInstanceOf(RedisListenerDefinitionException.class)
                    .hasMessageContaining("id 'coded'").hasMessageContaining("already used");
        });
    }
}
