package io.respkit.spring.boot.autoconfigure;

import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a failover the cluster still lists the dead primary (flagged failed, without slots) until it is forgotten:
 * health must judge the primaries that serve slots, and be UP again once the replica took over.
 */
@ClusterTest
class RedisClusterHealthFailoverIntegrationTests {

    @Test
    void healthIsUpAgainAfterAFailoverThoughTheDeadPrimaryIsStillListed() {
        try (RedisCluster cluster = RedisCluster.start(3, 1)) {
            String nodes = cluster.seeds().stream().map(Object::toString).collect(Collectors.joining(","));
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                            RedisHealthAutoConfiguration.class))
                    .withPropertyValues("redis.cluster.nodes=" + nodes, "redis.timeout=1s",
                            "redis.connect-timeout=500ms")
                    .run(context -> {
                        RedisClusterHealthIndicator indicator = context.getBean("redisHealthIndicator",
                                RedisClusterHealthIndicator.class);
                        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                        ClusterNode killed = cluster.killPrimary(cluster.primaryOf(0));
                        cluster.awaitPromotion(killed, Duration.ofSeconds(20));
                        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                            Health health = indicator.health();
                            assertThat(health.getStatus()).isEqualTo(Status.UP);
                            assertThat((List<?>) health.getDetails().get("unreachable")).isEmpty();
                            assertThat(health.getDetails().get("withoutSlots").toString())
                                    .contains(killed.hostAndPort().toString());
                        });
                    });
        }
    }
}
