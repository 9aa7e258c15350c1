package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.connection.Backoff;
import io.respkit.connection.RedisConfig;
import io.respkit.spring.boot.autoconfigure.InvalidRedisPropertyException;
import io.respkit.spring.boot.autoconfigure.RedisListenerAutoConfiguration;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.spring.listener.config.StreamListenerContainerFactory;
import io.respkit.stream.StreamMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream listener's configuration without a server (nothing starts): the default factory bean, the
 * {@code redis.listener.stream.*} properties, the container built from annotation attributes and placeholders, and
 * the startup errors of wrong definitions.
 */
class StreamListenerConfigurationTests {

    private static final RedisConfig CONFIG = RedisConfig.builder().host("127.0.0.1").port(1).build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisListenerAutoConfiguration.class))
            .withBean(RedisConfig.class, () -> CONFIG)
            .withPropertyValues("redis.listener.auto-startup=false");

    @Configuration(proxyBeanMethods = false)
    static class ClientConfig {

        @Bean(destroyMethod = "close")
        RedisClient<String> redisClient(RedisConfig config) {
            return RedisClient.create(config);
        }
    }

    static class Orders {
        @RedisListener(id = "billing", stream = "${app.stream}", group = "billing", consumer = "${app.node}",
                concurrency = "3", batchSize = "50", maxAttempts = "7", startId = "0",
                deadLetterStream = "orders:poison")
        void on(Map<String, String> fields) {
        }

        @RedisListener(id = "audit", stream = "orders", group = "audit")
        void audit(List<StreamMessage<String>> batch) {
        }
    }

    static class NoGroup {
        @RedisListener(stream = "orders")
        void on(Map<String, String> fields) {
        }
    }

    static class ReliableStream {
        @RedisListener(stream = "orders", group = "g", reliable = true)
        void on(Map<String, String> fields) {
        }
    }

    static class BadStartId {
        @RedisListener(stream = "orders", group = "g", startId = "yesterday")
        void on(Map<String, String> fields) {
        }
    }

    static class GroupOnQueue {
        @RedisListener(queue = "jobs", group = "g")
        void on(String payload) {
        }
    }

    static class NonStringMessage {
        @RedisListener(stream = "orders", group = "g")
        void on(StreamMessage<Integer> message) {
        }
    }

    private static Throwable cause(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
    }

    @Test
    void defaultFactoryBeanAndSettingsFromProperties() {
        runner.withUserConfiguration(ClientConfig.class)
                .withPropertyValues("redis.listener.stream.block=500ms", "redis.listener.stream.batch-size=25",
                        "redis.listener.stream.max-attempts=5", "redis.listener.stream.start-id=0",
                        "redis.listener.stream.claim-idle=2m", "redis.listener.stream.claim-interval=10s",
                        "redis.listener.stream.retry-backoff.initial-delay=200ms",
                        "redis.listener.stream.retry-backoff.multiplier=3",
                        "redis.listener.stream.retry-backoff.max-delay=5s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasBean(StreamListenerContainerFactory.DEFAULT_BEAN_NAME);
                    StreamListenerSettings s = context.getBean(StreamListenerContainerFactory.class)
                            .streamSettings();
                    assertThat(s).isEqualTo(new StreamListenerSettings(Duration.ofMillis(500), 25, 5,
                            new Backoff(Duration.ofMillis(200), 3.0, Duration.ofSeconds(5)), Duration.ofMinutes(2),
                            Duration.ofSeconds(10), "0"));
                });
    }

    @Test
    void defaultsAreTheEngines() {
        runner.run(context -> assertThat(context.getBean(StreamListenerSettings.class))
                .isEqualTo(StreamListenerSettings.defaults()));
    }

    @Test
    void applicationBeanReplacesTheDefaultFactory() {
        StreamListenerContainerFactory own = new StreamListenerContainerFactory(null,
                RedisListenerConnections.of(CONFIG), ListenerContainerSettings.defaults(),
                StreamListenerSettings.defaults(), null, null, new LoggingRedisListenerErrorHandler());
        runner.withBean(StreamListenerContainerFactory.DEFAULT_BEAN_NAME, StreamListenerContainerFactory.class,
                () -> own).run(context -> assertThat(context.getBean(StreamListenerContainerFactory.class))
                .isSameAs(own));
    }

    @Test
    void annotationAttributesAndPlaceholdersReachTheContainer() {
        runner.withUserConfiguration(ClientConfig.class).withBean(Orders.class)
                .withPropertyValues("app.stream=orders", "app.node=node-7", "redis.listener.stream.batch-size=20")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    StreamListenerContainer billing = (StreamListenerContainer) registry
                            .getListenerContainer("billing");
                    assertThat(billing.isRunning()).isFalse();
                    StreamListenerSpec spec = billing.spec();
                    assertThat(spec.stream()).isEqualTo("orders");
                    assertThat(spec.group()).isEqualTo("billing");
                    assertThat(spec.concurrency()).isEqualTo(3);
                    assertThat(spec.batchSize()).isEqualTo(50);
                    assertThat(spec.maxAttempts()).isEqualTo(7);
                    assertThat(spec.startId()).isEqualTo(io.respkit.commands.StreamEntryId.MIN);
                    assertThat(billing.consumerNames()).containsExactly("node-7-1", "node-7-2", "node-7-3");
                    assertThat(billing.deadLetterStream()).isEqualTo("orders:poison");
                    StreamListenerContainer audit = (StreamListenerContainer) registry.getListenerContainer("audit");
                    assertThat(audit.spec().batchSize()).isEqualTo(20);
                    assertThat(audit.spec().maxAttempts()).isEqualTo(3);
                    assertThat(audit.spec().startId()).isEqualTo(io.respkit.commands.StreamOffset.latest());
                    assertThat(audit.consumerNames()).hasSize(1);
                    assertThat(audit.deadLetterStream()).isEqualTo("orders:dead");
                });
    }

    @Test
    void withoutAClientStreamListenersFailNamingTheMissingBean() {
        runner.withBean(NoGroup.class).run(context -> assertThat(cause(context))
                .hasMessageContaining("names no consumer group"));
        runner.withBean(Orders.class).withPropertyValues("app.stream=orders", "app.node=n")
                .run(context -> assertThat(cause(context)).isInstanceOf(RedisListenerDefinitionException.class)
                        .hasMessageContaining("there is no RedisClient<String> bean"));
    }

    @Test
    void wrongDefinitionsFailNamingTheMethod() {
        ApplicationContextRunner r = runner.withUserConfiguration(ClientConfig.class);
        r.withBean(ReliableStream.class).run(context -> assertThat(cause(context))
                .hasMessageContaining(ReliableStream.class.getName() + ".on(Map)")
                .hasMessageContaining("'reliable' or 'deadLetterQueue'"));
        r.withBean(BadStartId.class).run(context -> assertThat(cause(context))
                .hasMessageContaining("start id must be $")
                .hasMessageContaining("yesterday"));
        r.withBean(GroupOnQueue.class).run(context -> assertThat(cause(context))
                .hasMessageContaining("only apply to stream listeners"));
        r.withBean(NonStringMessage.class).run(context -> assertThat(cause(context))
                .hasMessageContaining("parameter 0 'message' of type io.respkit.stream.StreamMessage<java.lang.Integer>")
                .hasMessageContaining("StreamMessage<String>"));
    }

    @Test
    void invalidStreamPropertiesFailTheStartup() {
        runner.withPropertyValues("redis.listener.stream.start-id=latest").run(context -> assertThat(cause(context))
                .isInstanceOf(InvalidRedisPropertyException.class)
                .hasMessageContaining("redis.listener.stream.start-id"));
        runner.withPropertyValues("redis.listener.stream.claim-idle=10s",
                "redis.listener.stream.retry-backoff.max-delay=30s").run(context -> assertThat(cause(context))
                .hasMessageContaining("redis.listener.stream.claim-idle"));
    }
}
