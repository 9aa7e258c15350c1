package io.respkit.spring.listener;

import io.respkit.connection.RedisConfig;
import io.respkit.spring.boot.autoconfigure.RedisListenerAutoConfiguration;
import io.respkit.spring.listener.adapter.PayloadConverter;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.annotation.RedisListenerAnnotationBeanPostProcessor;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup validation and wiring; no listener is started, so no server is needed (the configuration points at a
 * port nothing listens on).
 */
class RedisListenerConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisListenerAutoConfiguration.class))
            .withBean(RedisConfig.class, () -> RedisConfig.builder().host("127.0.0.1").port(1).build())
            .withPropertyValues("redis.listener.auto-startup=false");

    static class BothKinds {
        @RedisListener(channels = "c", queue = "q")
        void listen(String payload) {
        }
    }

    static class NoKind {
        @RedisListener(queue = "${listener.missing:}")
        void nothing(String payload) {
        }
    }

    static class ChannelWithQueueSettings {
        @RedisListener(channels = "c", reliable = true)
        void listen(String payload) {
        }
    }

    static class TwoPayloads {
        @RedisListener(channels = "c")
        void listen(String a, String b) {
        }
    }

    record Order(String id) {
    }

    static class JsonListener {
        @RedisListener(id = "json", channels = "orders")
        void listen(Order order) {
        }
    }

    static class MissingErrorHandler {
        @RedisListener(channels = "c", errorHandler = "noSuchBean")
        void listen(String payload) {
        }
    }

    static class Configured {
        @RedisListener(id = "${listener.id}", queue = "${listener.queue}", concurrency = "${listener.workers}",
                autoStartup = "${listener.start:false}", reliable = true, maxAttempts = "#{2 + 3}")
        void work(String payload) {
        }

        @RedisListener(channels = {"a", "b"})
        @RedisListener(patterns = "p.*", autoStartup = "true")
        void twice(String payload) {
        }
    }

    private static Throwable cause(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
    }

    @Test
    void bothChannelsAndQueueFailNamingTheMethod() {
        runner.withBean(BothKinds.class).run(context -> assertThat(cause(context))
                .hasMessageContaining(BothKinds.class.getName() + ".listen(String)")
                .hasMessageContaining("exactly one of 'channels', 'patterns', 'queue' or 'stream'")
                .hasMessageContaining("'channels' and 'queue'"));
    }

    @Test
    void noChannelPatternOrQueueFailsNamingTheMethod() {
        runner.withBean(NoKind.class).run(context -> assertThat(cause(context))
                .hasMessageContaining(NoKind.class.getName() + ".nothing(String)")
                .hasMessageContaining("sets none"));
    }

    @Test
    void queueSettingsOnAChannelListenerFail() {
        runner.withBean(ChannelWithQueueSettings.class).run(context -> assertThat(cause(context))
                .hasMessageContaining(ChannelWithQueueSettings.class.getName() + ".listen(String)")
                .hasMessageContaining("only apply to queue listeners"));
    }

    @Test
    void twoPayloadParametersFail() {
        runner.withBean(TwoPayloads.class).run(context -> assertThat(cause(context))
                .hasMessageContaining(TwoPayloads.class.getName() + ".listen(String, String)")
                .hasMessageContaining("unsupported parameter 1 'b' of type java.lang.String")
                .hasMessageContaining("at most one payload parameter"));
    }

    @Test
    void jsonPayloadWithoutJacksonFailsWithAClearMessage() {
        runner.withClassLoader(new FilteredClassLoader("tools.jackson")).withBean(JsonListener.class)
                .run(context -> assertThat(cause(context))
                        .hasMessageContaining(JsonListener.class.getName() + ".listen(Order)")
                        .hasMessageContaining("Jackson 3"));
    }

    @Test
    void jsonPayloadWithJacksonUsesTheConverter() {
        runner.withBean(JsonListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(PayloadConverter.class);
            assertThat(context.getBean(RedisListenerEndpointRegistry.class).getListenerContainer("json"))
                    .isNotNull();
        });
    }

    @Test
    void missingErrorHandlerBeanFails() {
        runner.withBean(MissingErrorHandler.class).run(context -> assertThat(cause(context))
                .hasMessageContaining("noSuchBean"));
    }

    @Test
    void placeholdersAndExpressionsAreResolvedAndDefaultsApplied() {
        runner.withBean("configured", Configured.class, Configured::new)
                .withPropertyValues("listener.id=jobs-listener", "listener.queue=jobs", "listener.workers=3",
                        "spring.application.name=shop")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    assertThat(registry.getListenerContainerIds()).containsExactlyInAnyOrder("jobs-listener",
                            "configured.twice", "configured.twice#1");
                    QueueListenerContainer jobs = (QueueListenerContainer) registry
                            .getListenerContainer("jobs-listener");
                    assertThat(jobs.toString()).contains("queue=jobs", "concurrency=3", "reliable=true");
                    assertThat(jobs.processingKey(2)).isEqualTo("jobs:processing:shop:jobs-listener:2");
                    assertThat(jobs.isAutoStartup()).isFalse();
                    assertThat(registry.getListenerContainer("configured.twice").isAutoStartup()).isFalse();
                    assertThat(registry.getListenerContainer("configured.twice#1").isAutoStartup()).isTrue();
                    // The registry is a late-phase lifecycle and containers are not beans.
                    assertThat(registry.getPhase()).isEqualTo(RedisListenerEndpointRegistry.DEFAULT_PHASE);
                    assertThat(context.getBeansOfType(RedisListenerContainer.class)).isEmpty();
                });
    }

    @Test
    void backsOffWithoutRedisConfigAndForUserBeans() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisListenerAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(RedisListenerEndpointRegistry.class)
                        .doesNotHaveBean(RedisListenerAnnotationBeanPostProcessor.class));
        RedisListenerErrorHandler mine = (id, message, error) -> { };
        runner.withBean("myHandler", RedisListenerErrorHandler.class, () -> mine)
                .run(context -> assertThat(context).getBean(RedisListenerErrorHandler.class).isSameAs(mine));
    }
}
