package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.protocol.RespVersion;
import io.respkit.spring.core.RedisTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server): cluster-mode properties bind into a {@link ClusterConfig}, bad values fail the start-up
 * with a property-naming analysis that never shows the password, and without {@code redis.cluster.nodes} the
 * single-node beans stay as they were. Beans are lazy so that no cluster client connects.
 */
class RedisClusterPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
            .withBean(LazyInitializationBeanFactoryPostProcessor.class);

    /** Fails at start-up on a bad property: the configuration beans fail before any client connects. */
    private final ApplicationContextRunner eagerRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    @Test
    void withoutClusterNodesTheSingleNodeBeansAreCreated() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RedisConfig.class).hasSingleBean(ConnectionPool.class)
                    .hasSingleBean(RedisClient.class).hasSingleBean(RedisTemplate.class)
                    .doesNotHaveBean(ClusterConfig.class).doesNotHaveBean(RedisClusterClient.class);
            assertThat(context.getBean(RedisTemplate.class).isCluster()).isFalse();
        });
    }

    @Test
    void clusterNodesSelectClusterModeWithTheNodeTemplateFromTheSameProperties() {
        runner.withPropertyValues("redis.cluster.nodes=10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002",
                        "redis.cluster.max-redirects=3", "redis.cluster.refresh.period=10s",
                        "redis.cluster.refresh.min-interval=100ms", "redis.read-from=replica-preferred",
                        "redis.username=app", "redis.password=s3cret", "redis.timeout=700ms",
                        "redis.connect-timeout=300ms", "redis.client-name=orders", "redis.protocol=resp2",
                        "redis.pool.max-total=4", "redis.ssl.enabled=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ClusterConfig.class)
                            .hasSingleBean(RedisClusterClient.class).hasSingleBean(RedisTemplate.class)
                            .doesNotHaveBean(RedisConfig.class).doesNotHaveBean(ConnectionPool.class)
                            .doesNotHaveBean(RedisClient.class);
                    ClusterConfig config = context.getBean(ClusterConfig.class);
                    assertThat(config.seeds()).containsExactly(new HostAndPort("10.0.0.1", 7000),
                            new HostAndPort("10.0.0.2", 7001), new HostAndPort("::1", 7002));
                    assertThat(config.maxRedirects()).isEqualTo(3);
                    assertThat(config.refreshPeriod()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(config.refreshMinInterval()).isEqualTo(Duration.ofMillis(100));
                    assertThat(config.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
                    RedisConfig node = config.nodeConfig();
                    assertThat(node.username()).isEqualTo("app");
                    assertThat(node.timeout()).isEqualTo(Duration.ofMillis(700));
                    assertThat(node.connectTimeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(node.clientName()).isEqualTo("orders");
                    assertThat(node.protocol()).isEqualTo(RespVersion.RESP2);
                    assertThat(node.pool().maxTotal()).isEqualTo(4);
                    assertThat(node.ssl()).isNotNull();
                    assertThat(config.toString()).doesNotContain("s3cret");
                });
    }

    @Test
    void clusterDefaultsMatchTheClusterClientsDefaults() {
        runner.withPropertyValues("redis.cluster.nodes[0]=127.0.0.1:7000").run(context -> {
            ClusterConfig config = context.getBean(ClusterConfig.class);
            assertThat(config.maxRedirects()).isEqualTo(ClusterConfig.DEFAULT_MAX_REDIRECTS);
            assertThat(config.refreshPeriod()).isEqualTo(ClusterConfig.DEFAULT_REFRESH_PERIOD);
            assertThat(config.refreshMinInterval()).isEqualTo(ClusterConfig.DEFAULT_REFRESH_MIN_INTERVAL);
            assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
            assertThat(config.nodeConfig().ssl()).isNull();
        });
    }

    @Test
    void readFromAcceptsEveryReadFromSpelling() {
        for (String spelling : List.of("REPLICA_PREFERRED", "replicaPreferred", "replica-preferred")) {
            runner.withPropertyValues("redis.cluster.nodes=127.0.0.1:7000", "redis.read-from=" + spelling)
                    .run(context -> assertThat(context.getBean(ClusterConfig.class).readFrom())
                            .isEqualTo(ReadFrom.REPLICA_PREFERRED));
        }
    }

    @Test
    void urlTogetherWithClusterNodesIsAnErrorThatHidesThePassword() {
        FailureAnalysis analysis = failure("redis.url=redis://app:s3cret@10.0.0.1:6379",
                "redis.cluster.nodes=10.0.0.1:7000");
        assertThat(analysis.getDescription()).contains("redis.url").contains("redis.cluster.nodes")
                .doesNotContain("s3cret");
        assertThat(analysis.getAction()).contains("redis.cluster.nodes").contains("redis.password");
    }

    @Test
    void badClusterPropertiesNameTheProperty() {
        assertThat(failure("redis.cluster.nodes=10.0.0.1").getDescription())
                .contains("'redis.cluster.nodes'").contains("host:port");
        assertThat(failure("redis.cluster.nodes=10.0.0.1:99999").getDescription())
                .contains("'redis.cluster.nodes'");
        assertThat(failure("redis.cluster.nodes=10.0.0.1:7000", "redis.cluster.max-redirects=-1")
                .getDescription()).contains("'redis.cluster.max-redirects'").contains("0 or more");
        assertThat(failure("redis.cluster.nodes=10.0.0.1:7000", "redis.cluster.refresh.period=-1s")
                .getDescription()).contains("'redis.cluster.refresh.period'");
        assertThat(failure("redis.cluster.nodes=10.0.0.1:7000", "redis.cluster.refresh.min-interval=-1ms")
                .getDescription()).contains("'redis.cluster.refresh.min-interval'");
        assertThat(failure("redis.cluster.nodes=10.0.0.1:7000", "redis.read-from=nearest").getDescription())
                .contains("'redis.read-from'").contains("replica-preferred");
        assertThat(failure("redis.cluster.nodes=10.0.0.1:7000", "redis.database=2").getDescription())
                .contains("'redis.database'").contains("only database 0");
    }

    @Test
    void propertiesToStringShowsTheNodesButNotThePassword() {
        RedisProperties p = new RedisProperties();
        p.setPassword("s3cret");
        p.getCluster().setNodes(List.of("10.0.0.1:7000"));
        assertThat(p.toString()).contains("10.0.0.1:7000").doesNotContain("s3cret");
    }

    private FailureAnalysis failure(String... properties) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        MockEnvironment environment = new MockEnvironment();
        for (String property : properties) {
            int eq = property.indexOf('=');
            environment.setProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        eagerRunner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            result[0] = new RedisFailureAnalyzer(environment).analyze(context.getStartupFailure());
        });
        assertThat(result[0]).as("an analysis of %s", List.of(properties)).isNotNull();
        return result[0];
    }
}
