package io.respkit.spring.core;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisException;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Real failures from a real server, translated into Spring's DataAccessException hierarchy. */
@ExtendWith(RedisServerExtension.class)
class RedisExceptionTranslatorIntegrationTests {

    private final RedisExceptionTranslator translator = new RedisExceptionTranslator();

    @Test
    void realFailuresBecomeTheDataAccessExceptionsSpringUsersCatch(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder()
                .timeout(Duration.ofMillis(200)).build())) {
            redis.set("translate:str", "v");
            RedisException wrongType = catchThrowableOfType(RedisException.class, () -> redis.lpush("translate:str", "x"));
            assertThat(translator.translateExceptionIfPossible(wrongType))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasCause(wrongType);

            RedisException aborted = catchThrowableOfType(RedisException.class,
                    () -> redis.transaction(List.of("translate:str"), 1, (r, tx) -> {
                        redis.set("translate:str", "changed"); // another connection: the WATCH fails
                        tx.set("translate:str", "mine");
                    }));
            assertThat(translator.translateExceptionIfPossible(aborted))
                    .isInstanceOf(OptimisticLockingFailureException.class);
            redis.del("translate:str");

            RedisException timeout = catchThrowableOfType(RedisException.class,
                    () -> redis.execute("DEBUG", "SLEEP", "0.5")); // last: the server sleeps on
            assertThat(translator.translateExceptionIfPossible(timeout)).isInstanceOf(QueryTimeoutException.class);
        }
        try (RedisClient<String> wrong = RedisClient.create(server.configBuilder().username("nobody").password("n0t-it").build())) {
            RedisException auth = catchThrowableOfType(RedisException.class, wrong::ping);
            assertThat(translator.translateExceptionIfPossible(auth))
                    .isInstanceOfAny(PermissionDeniedDataAccessException.class,
                            DataAccessResourceFailureException.class)
                    .satisfies(t -> assertThat(t.getMessage()).doesNotContain("n0t-it"));
        }
        try (RedisClient<String> nowhere = RedisClient.create(RedisConfig.builder().port(1)
                .connectTimeout(Duration.ofMillis(200)).build())) {
            RedisException refused = catchThrowableOfType(RedisException.class, nowhere::ping);
            assertThat(translator.translateExceptionIfPossible(refused))
                    .isInstanceOf(DataAccessResourceFailureException.class);
        }
        assertThat(translator.translateExceptionIfPossible(new IllegalStateException("not ours"))).isNull();
    }

    @Test
    void theTranslatorIsABeanWhenSpringTxIsPresent() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(PersistenceExceptionTranslator.class));
    }
}
