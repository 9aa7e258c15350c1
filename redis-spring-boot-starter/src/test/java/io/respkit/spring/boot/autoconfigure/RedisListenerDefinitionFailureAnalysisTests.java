package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.RedisConfig;
import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.RedisListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a {@code @RedisListener} definition can be wrong fails the startup with a failure analysis that names
 * the method and the problem and says what to do. No server is needed: listeners do not start.
 */
class RedisListenerDefinitionFailureAnalysisTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisListenerAutoConfiguration.class))
            .withBean(RedisConfig.class, () -> RedisConfig.builder().host("127.0.0.1").port(1).build())
            .withPropertyValues("redis.listener.auto-startup=false");

    private FailureAnalysis analyze(Class<?> listener, String... properties) {
        FailureAnalysis analysis = StartupFailures.analyze(runner.withBean(listener), properties);
        assertThat(analysis.getCause()).isInstanceOf(RedisListenerDefinitionException.class);
        assertThat(analysis.getDescription()).contains(listener.getName() + ".");
        return analysis;
    }

    static class SecretConcurrency {
        @RedisListener(queue = "q", concurrency = "${redis.password}")
        void listen(String payload) {
        }
    }

    static class SecretReliable {
        @RedisListener(queue = "q", autoStartup = "${redis.password}")
        void listen(String payload) {
        }
    }

    /** A placeholder that resolves to a secret is shown as written, never resolved (found by an independent test). */
    @Test
    void aPlaceholderResolvingToASecretIsShownAsWrittenNotResolved() {
        for (Class<?> listener : java.util.List.of(SecretConcurrency.class, SecretReliable.class)) {
            FailureAnalysis analysis = analyze(listener, "redis.password=TopSecret42");
            assertThat(analysis.getDescription()).contains("${redis.password}").doesNotContain("TopSecret42");
            assertThat(analysis.getAction()).doesNotContain("TopSecret42");
        }
    }

    static class PayloadAndInstant {
        @RedisListener(channels = "events")
        void listen(String payload, Instant when) {
        }
    }

    @Test
    void anUnsupportedParameterIsNamedWithItsTypeAndTheSupportedOnesAreListed() {
        FailureAnalysis analysis = analyze(PayloadAndInstant.class);
        assertThat(analysis.getDescription()).contains("listen(String, Instant)").contains("'when'")
                .contains("java.time.Instant").contains("parameter 1");
        assertThat(analysis.getAction()).contains("@Channel String").contains("@Pattern String")
                .contains("RedisMessage").contains("byte[]").contains("'when'");
    }

    static class IntegerChannel {
        @RedisListener(channels = "events")
        void listen(String payload, @Channel Integer channel) {
        }
    }

    @Test
    void aChannelParameterOfTheWrongTypeIsNamed() {
        FailureAnalysis analysis = analyze(IntegerChannel.class);
        assertThat(analysis.getDescription()).contains("'channel'").contains("Integer").contains("@Channel");
        assertThat(analysis.getAction()).contains("String");
    }

    static class NoKind {
        @RedisListener
        void listen(String payload) {
        }
    }

    static class TwoKinds {
        @RedisListener(channels = "c", queue = "q")
        void listen(String payload) {
        }
    }

    @Test
    void missingOrConflictingChannelsPatternsAndQueueAreAnalyzed() {
        FailureAnalysis none = analyze(NoKind.class);
        assertThat(none.getDescription()).contains("sets none");
        assertThat(none.getAction()).contains("channels").contains("patterns").contains("queue");
        FailureAnalysis two = analyze(TwoKinds.class);
        assertThat(two.getDescription()).contains("'channels' and 'queue'");
        assertThat(two.getAction()).contains("separate");
    }

    static class ConcurrencyOnChannels {
        @RedisListener(channels = "c", concurrency = "4")
        void listen(String payload) {
        }
    }

    static class DeadLetterWithoutReliable {
        @RedisListener(queue = "q", deadLetterQueue = "q:dead")
        void listen(String payload) {
        }
    }

    @Test
    void attributeCombinationsThatDoNotApplyAreAnalyzed() {
        FailureAnalysis queueOnly = analyze(ConcurrencyOnChannels.class);
        assertThat(queueOnly.getDescription()).contains("only apply to queue listeners");
        assertThat(queueOnly.getAction()).contains("queue");
        FailureAnalysis reliable = analyze(DeadLetterWithoutReliable.class);
        assertThat(reliable.getDescription()).contains("reliable = true");
        assertThat(reliable.getAction()).contains("reliable = true");
    }

    static class WordConcurrency {
        @RedisListener(queue = "q", concurrency = "four")
        void listen(String payload) {
        }
    }

    static class ZeroConcurrency {
        @RedisListener(queue = "q", concurrency = "0")
        void listen(String payload) {
        }
    }

    static class ZeroBatch {
        @RedisListener(queue = "q", batchSize = "${batch}")
        void listen(String payload) {
        }
    }

    static class MaybeAutoStartup {
        @RedisListener(queue = "q", autoStartup = "maybe")
        void listen(String payload) {
        }
    }

    @Test
    void badNumbersAndFlagsAreAnalyzed() {
        FailureAnalysis word = analyze(WordConcurrency.class);
        assertThat(word.getDescription()).contains("concurrency").contains("'four'");
        assertThat(word.getAction()).contains("concurrency").contains("whole number");
        FailureAnalysis zero = analyze(ZeroConcurrency.class);
        assertThat(zero.getDescription()).contains("concurrency");
        assertThat(zero.getAction()).contains("at least 1");
        FailureAnalysis batch = analyze(ZeroBatch.class, "batch=0");
        assertThat(batch.getDescription()).contains("batchSize = 0");
        assertThat(batch.getAction()).contains("batchSize").contains("at least 1");
        FailureAnalysis flag = analyze(MaybeAutoStartup.class);
        assertThat(flag.getDescription()).contains("autoStartup").contains("'maybe'");
        assertThat(flag.getAction()).contains("true").contains("false");
    }

    static class UnknownPlaceholder {
        @RedisListener(channels = "${app.orders.channel}")
        void listen(String payload) {
        }
    }

    static class BadExpression {
        @RedisListener(queue = "#{nosuchbean.queue}")
        void listen(String payload) {
        }
    }

    @Test
    void unresolvablePlaceholdersAndExpressionsAreAnalyzed() {
        // without a placeholder configurer, Spring leaves unknown placeholders in place
        FailureAnalysis placeholder = analyze(UnknownPlaceholder.class);
        assertThat(placeholder.getDescription()).contains("channels").contains("${app.orders.channel}");
        assertThat(placeholder.getAction()).contains("app.orders.channel").contains("${app.orders.channel:");
        // with one, as in every Spring Boot application, it throws
        FailureAnalysis strict = StartupFailures.analyze(runner.withBean(UnknownPlaceholder.class)
                .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class)));
        assertThat(strict.getCause()).isInstanceOf(RedisListenerDefinitionException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(strict.getDescription()).contains("channels").contains("${app.orders.channel}");
        assertThat(strict.getAction()).contains("${app.orders.channel:");
        FailureAnalysis expression = analyze(BadExpression.class);
        assertThat(expression.getDescription()).contains("queue").contains("#{nosuchbean.queue}");
        assertThat(expression.getAction()).contains("expression");
    }

    static class MissingErrorHandler {
        @RedisListener(channels = "c", errorHandler = "noSuchHandler")
        void listen(String payload) {
        }
    }

    static class DuplicateIds {
        @RedisListener(id = "same", channels = "a")
        void one(String payload) {
        }

        @RedisListener(id = "same", channels = "b")
        void two(RedisMessage<String> message) {
        }
    }

    @Test
    void aMissingErrorHandlerAndDuplicateIdsAreAnalyzed() {
        FailureAnalysis handler = analyze(MissingErrorHandler.class);
        assertThat(handler.getDescription()).contains("'noSuchHandler'");
        assertThat(handler.getAction()).contains("RedisListenerErrorHandler").contains("noSuchHandler");
        FailureAnalysis ids = analyze(DuplicateIds.class);
        assertThat(ids.getDescription()).contains("'same'");
        assertThat(ids.getAction()).contains("distinct");
    }
}
