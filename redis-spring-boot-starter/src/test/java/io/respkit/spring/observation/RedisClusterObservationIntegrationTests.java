package io.respkit.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.respkit.RedisClusterClient;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.connection.CommandObserver;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Micrometer Observation of the cluster client bean (and so of the template in cluster mode), with Micrometer's test
 * registry, against a real cluster: the same observations and tags as for a single node, each naming the node the
 * call went to.
 */
@ClusterTest
class RedisClusterObservationIntegrationTests {

    private static ApplicationContextRunner runner(RedisCluster cluster) {
        String nodes = cluster.seeds().stream().map(Object::toString).collect(Collectors.joining(","));
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("redis.cluster.nodes=" + nodes);
    }

    private static String portOf(RedisCluster cluster, String key) {
        return Integer.toString(cluster.primaryOf(cluster.slotOf(key)).port());
    }

    @Test
    void everyCommandPipelineAndTransactionOnTheClusterIsObservedWithDatabaseConventions(RedisCluster cluster) {
        cluster.flushAll();
        TestObservationRegistry registry = TestObservationRegistry.create();
        Set<String> nodePorts = cluster.nodes().stream().map(n -> Integer.toString(n.port()))
                .collect(Collectors.toSet());
        String t = "obs:{t}";
        String u = "obs:{u}";
        runner(cluster).withBean(ObservationRegistry.class, () -> registry).run(context -> {
            @SuppressWarnings("unchecked")
            RedisTemplate<String> template = context.getBean(RedisTemplate.class);
            assertThat(template.isCluster()).isTrue();
            template.set(t, "v");
            assertThatThrownBy(() -> template.lpush(t, "x")).isInstanceOf(RuntimeException.class);
            template.pipelined(p -> {
                p.get(t);
                p.get(u);
            });
            template.multi(t, tx -> {
                tx.get(t);
                tx.strlen(t);
            });
            assertThat(template.withCodec(ByteArrayCodec.INSTANCE).get(t))
                    .isEqualTo("v".getBytes(StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            RedisClusterClient<String> client = context.getBean(RedisClusterClient.class);
            assertThat(client.dbsize()).isEqualTo(1L);
            client.del(t);

            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsWithNameEqualTo(MicrometerCommandObserver.NAME, 7)
                    .forAllObservationsWithNameEqualTo(MicrometerCommandObserver.NAME, o -> o
                            .hasLowCardinalityKeyValue("db.system.name", "redis")
                            .hasLowCardinalityKeyValue("db.namespace", "0")
                            .hasLowCardinalityKeyValue("server.address", "127.0.0.1")
                            .hasLowCardinalityKeyValueWithKey("db.operation.name")
                            .hasLowCardinalityKeyValueWithKey("outcome")
                            .hasLowCardinalityKeyValueWithKey("error.type")
                            .satisfies(c -> assertThat(nodePorts).contains(
                                    ((Observation.Context) c).getLowCardinalityKeyValue("server.port").getValue())));
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "SET")
                    .hasLowCardinalityKeyValue("server.port", portOf(cluster, t))
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasLowCardinalityKeyValue("error.type", "none"));
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "LPUSH")
                    .hasLowCardinalityKeyValue("server.port", portOf(cluster, t))
                    .hasLowCardinalityKeyValue("outcome", "failure").hasError());
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "PIPELINE")
                    .hasLowCardinalityKeyValue("server.port", portOf(cluster, t))
                    .hasHighCardinalityKeyValue("db.operation.batch.size", "2"));
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "MULTI")
                    .hasLowCardinalityKeyValue("server.port", portOf(cluster, t))
                    .hasHighCardinalityKeyValue("db.operation.batch.size", "2"));
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "GET")
                    .hasLowCardinalityKeyValue("server.port", portOf(cluster, t)));
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "DBSIZE")); // one, for every primary
        });
    }

    @Test
    void whenTurnedOffTheClusterClientIsNotWrapped(RedisCluster cluster) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner(cluster).withBean(ObservationRegistry.class, () -> registry)
                .withPropertyValues("redis.observation.enabled=false").run(context -> {
                    assertThat(context).doesNotHaveBean(CommandObserver.class);
                    @SuppressWarnings("unchecked")
                    RedisClusterClient<String> client = context.getBean(RedisClusterClient.class);
                    assertThat(client.ping()).isEqualTo("PONG");
                    TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
                });
    }
}
