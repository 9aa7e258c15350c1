package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.sentinel.SentinelConfig;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link RedisConnectionDetails.SentinelDetails} bean connects the starter through real sentinels to the primary
 * they name, in the database the details give, whatever the properties say about a single server; the
 * properties-backed details expose the deployment of {@code redis.sentinel.*}.
 */
@SentinelTest
class RedisSentinelConnectionDetailsIntegrationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    @Test
    void aSentinelDetailsBeanGivesAWorkingClientOfThePrimaryInItsDatabase(RedisSentinels group) {
        RedisConnectionDetails.Sentinel deployment = new RedisConnectionDetails.Sentinel() {
            @Override
            public String master() {
                return group.masterName();
            }

            @Override
            public List<HostAndPort> nodes() {
                return group.sentinels();
            }

            @Override
            public int database() {
                return 3;
            }
        };
        runner.withBean(RedisConnectionDetails.SentinelDetails.class, () -> () -> deployment)
                .withPropertyValues("redis.host=127.0.0.1", "redis.port=1", "redis.client-name=details-it")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SentinelConfig.class)
                            .hasSingleBean(RedisClient.class).doesNotHaveBean(RedisConfig.class);
                    RedisClient<?> client = context.getBean(RedisClient.class);
                    assertThat(client.pool().config().address())
                            .isEqualTo(group.primary().hostAndPort().toString());
                    assertThat(client.pool().config().database()).isEqualTo(3);
                    @SuppressWarnings("unchecked")
                    RedisTemplate<String> template = context.getBean(RedisTemplate.class);
                    template.set("details:sentinel", "in database 3");
                    assertThat(template.get("details:sentinel")).isEqualTo("in database 3");
                    // Written to the primary, not in database 0 (where a fresh connection looks).
                    assertThat(group.primary().call("EXISTS", "details:sentinel")).isEqualTo(0L);
                    assertThat(template.client().dbsize()).isPositive();
                    template.del("details:sentinel");
                });
    }

    @Test
    void thePropertiesBackedDetailsExposeTheDeploymentTheClientUses(RedisSentinels group) {
        String nodes = group.sentinels().stream().map(Object::toString).collect(Collectors.joining(","));
        runner.withPropertyValues("redis.sentinel.master=" + group.masterName(), "redis.sentinel.nodes=" + nodes)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SentinelConfig.class);
                    RedisConnectionDetails.Sentinel sentinel = context.getBean(RedisConnectionDetails.class)
                            .sentinel();
                    assertThat(sentinel.master()).isEqualTo(group.masterName());
                    assertThat(sentinel.nodes()).containsExactlyElementsOf(group.sentinels());
                    assertThat(sentinel.database()).isZero();
                    assertThat(context.getBean(RedisConnectionDetails.class).cluster()).isNull();
                    RedisClient<?> client = context.getBean(RedisClient.class);
                    assertThat(client.pool().config().address())
                            .isEqualTo(group.primary().hostAndPort().toString());
                });
    }
}
