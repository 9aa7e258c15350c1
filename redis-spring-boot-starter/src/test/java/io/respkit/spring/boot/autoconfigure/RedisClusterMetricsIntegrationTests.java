package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.RedisClusterClient;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Pool gauges per cluster node, tagged by address, removed with the context. */
@ClusterTest
class RedisClusterMetricsIntegrationTests {

    @Test
    void everyNodeThePoolsConnectToGetsItsGauges(RedisCluster cluster) {
        String nodes = cluster.seeds().stream().map(Object::toString).collect(Collectors.joining(","));
        MeterRegistry registry = new SimpleMeterRegistry();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, () -> registry)
                .withPropertyValues("redis.cluster.nodes=" + nodes)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RedisClusterPoolMetrics.class)
                            .doesNotHaveBean(RedisPoolMetrics.class);
                    @SuppressWarnings("unchecked")
                    RedisTemplate<String> template = context.getBean(RedisTemplate.class);
                    for (int i = 0; i < 100; i++) {
                        template.set("metrics:" + i, "v");
                    }
                    context.getBean(RedisClusterPoolMetrics.class).update();
                    Set<String> addresses = registry.find("respkit.pool.idle").gauges().stream()
                            .map(g -> g.getId().getTag("address")).collect(Collectors.toSet());
                    Set<String> primaries = context.getBean(RedisClusterClient.class).topology().servingPrimaries()
                            .stream().map(n -> n.address().toString()).collect(Collectors.toSet());
                    assertThat(addresses).containsAll(primaries);
                    assertThat(registry.find("respkit.pool.max").gauges()).allSatisfy(g ->
                            assertThat(((Gauge) g).value()).isPositive());
                });
        assertThat(registry.find("respkit.pool.idle").gauges()).isEmpty();
    }
}
