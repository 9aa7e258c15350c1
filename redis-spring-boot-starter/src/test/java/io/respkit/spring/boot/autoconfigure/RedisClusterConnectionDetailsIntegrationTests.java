package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.RedisConfig;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link RedisConnectionDetails.ClusterDetails} bean connects the starter to a real cluster, whatever the
 * properties say about a single server; the properties-backed details expose the cluster of
 * {@code redis.cluster.nodes}.
 */
@ClusterTest
class RedisClusterConnectionDetailsIntegrationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    @Test
    void aClusterDetailsBeanGivesAWorkingClusterClientOverTheSingleServerProperties(RedisCluster cluster) {
        cluster.flushAll();
        RedisConnectionDetails.ClusterDetails details = () -> RedisConnectionDetails.Cluster.of(cluster.seeds());
        runner.withBean(RedisConnectionDetails.ClusterDetails.class, () -> details)
                .withPropertyValues("redis.url=redis://127.0.0.1:1", "redis.client-name=details-it")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RedisClusterClient.class)
                            .doesNotHaveBean(RedisConfig.class);
                    assertThat(context.getBean(ClusterConfig.class).seeds())
                            .containsExactlyElementsOf(cluster.seeds());
                    @SuppressWarnings("unchecked")
                    RedisTemplate<String> template = context.getBean(RedisTemplate.class);
                    assertThat(template.isCluster()).isTrue();
                    List<String> keys = IntStream.range(0, 100).mapToObj(i -> "details:" + i).toList();
                    keys.forEach(key -> template.set(key, key + "-value"));
                    keys.forEach(key -> assertThat(template.get(key)).isEqualTo(key + "-value"));
                    // The keys spread over the cluster's slots: the client routes on the whole cluster.
                    Set<Integer> slots = keys.stream().map(cluster::slotOf).collect(Collectors.toSet());
                    assertThat(slots).hasSizeGreaterThan(50);
                    assertThat(template.dbsize()).isEqualTo(100);
                    assertThat(context.getBean(ClusterConfig.class).nodeConfig().clientName())
                            .isEqualTo("details-it");
                });
    }

    @Test
    void thePropertiesBackedDetailsExposeTheClusterTheClientUses(RedisCluster cluster) {
        String nodes = cluster.seeds().stream().map(Object::toString).collect(Collectors.joining(","));
        runner.withPropertyValues("redis.cluster.nodes=" + nodes).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RedisClusterClient.class);
            RedisConnectionDetails details = context.getBean(RedisConnectionDetails.class);
            assertThat(details.cluster().nodes()).containsExactlyElementsOf(cluster.seeds());
            assertThat(details.sentinel()).isNull();
            @SuppressWarnings("unchecked")
            RedisClusterClient<String> client = context.getBean(RedisClusterClient.class);
            assertThat(client.topology().coversAllSlots()).isTrue();
        });
    }
}
