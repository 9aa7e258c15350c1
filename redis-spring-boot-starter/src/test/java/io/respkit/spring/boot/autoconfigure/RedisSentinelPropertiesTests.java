package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.pool.ConnectionPool;
import io.respkit.protocol.RespVersion;
import io.respkit.sentinel.SentinelConfig;
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
 * Unit tests (no server): Sentinel-mode properties bind into a {@link SentinelConfig} whose data-node template takes
 * the usual {@code redis.*} properties, properties of two modes or half a Sentinel setup fail the start-up with a
 * property-naming analysis that never shows a password, and without {@code redis.sentinel.master} the other modes'
 * beans stay as they were. Beans are lazy so that no client asks the (absent) sentinels.
 */
class RedisSentinelPropertiesTests {

    private static final String DATA_PASSWORD = "dAta-s3cret";
    private static final String SENTINEL_PASSWORD = "s3nt!nel-pw";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
            .withBean(LazyInitializationBeanFactoryPostProcessor.class);

    /** Fails at start-up on a bad property: the configuration beans fail before any client connects. */
    private final ApplicationContextRunner eagerRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    @Test
    void sentinelMasterSelectsSentinelModeWithTheDataNodeTemplateFromTheSameProperties() {
        runner.withPropertyValues("redis.sentinel.master=mymaster",
                        "redis.sentinel.nodes=10.0.0.1:26379, 10.0.0.2:26380,[::1]:26381,sentinel-3,[fd00::4]",
                        "redis.sentinel.username=watcher", "redis.sentinel.password=" + SENTINEL_PASSWORD,
                        "redis.sentinel.check-interval=250ms", "redis.read-from=replica-preferred",
                        "redis.username=app", "redis.password=" + DATA_PASSWORD, "redis.database=3",
                        "redis.timeout=700ms", "redis.connect-timeout=300ms", "redis.client-name=orders",
                        "redis.protocol=resp2", "redis.pool.max-total=4", "redis.ssl.enabled=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SentinelConfig.class)
                            .hasSingleBean(RedisClient.class).hasSingleBean(ConnectionPool.class)
                            .hasSingleBean(RedisTemplate.class).doesNotHaveBean(RedisConfig.class)
                            .doesNotHaveBean(ClusterConfig.class).doesNotHaveBean(RedisClusterClient.class);
                    SentinelConfig config = context.getBean(SentinelConfig.class);
                    assertThat(config.masterName()).isEqualTo("mymaster");
                    assertThat(config.sentinels()).containsExactly(new HostAndPort("10.0.0.1", 26379),
                            new HostAndPort("10.0.0.2", 26380), new HostAndPort("::1", 26381),
                            new HostAndPort("sentinel-3", SentinelConfig.DEFAULT_SENTINEL_PORT),
                            new HostAndPort("fd00::4", SentinelConfig.DEFAULT_SENTINEL_PORT));
                    assertThat(config.sentinelUsername()).isEqualTo("watcher");
                    assertThat(config.checkInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(config.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
                    RedisConfig node = config.nodeConfig();
                    assertThat(node.username()).isEqualTo("app");
                    assertThat(node.database()).isEqualTo(3);
                    assertThat(node.timeout()).isEqualTo(Duration.ofMillis(700));
                    assertThat(node.connectTimeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(node.clientName()).isEqualTo("orders");
                    assertThat(node.protocol()).isEqualTo(RespVersion.RESP2);
                    assertThat(node.pool().maxTotal()).isEqualTo(4);
                    assertThat(node.ssl()).isNotNull();
                    // The sentinels get their own credentials, never the data nodes'.
                    RedisConfig sentinel = config.sentinelConfig(config.sentinels().get(0));
                    assertThat(sentinel.username()).isEqualTo("watcher");
                    assertThat(sentinel.database()).isZero();
                    assertThat(config.toString()).doesNotContain(DATA_PASSWORD).doesNotContain(SENTINEL_PASSWORD);
                    RedisProperties properties = context.getBean(RedisProperties.class);
                    assertThat(properties.toString()).contains("mymaster").contains("10.0.0.1:26379")
                            .doesNotContain(DATA_PASSWORD).doesNotContain(SENTINEL_PASSWORD);
                    assertThat(properties.getSentinel().toString()).contains("watcher")
                            .doesNotContain(SENTINEL_PASSWORD);
                });
    }

    @Test
    void sentinelDefaultsMatchTheSentinelClientsDefaults() {
        runner.withPropertyValues("redis.sentinel.master=mymaster", "redis.sentinel.nodes[0]=127.0.0.1:26379")
                .run(context -> {
                    SentinelConfig config = context.getBean(SentinelConfig.class);
                    assertThat(config.checkInterval()).isEqualTo(SentinelConfig.DEFAULT_CHECK_INTERVAL);
                    assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
                    assertThat(config.sentinelUsername()).isNull();
                    assertThat(config.sentinelConfig(config.sentinels().get(0)).password()).isNull();
                    assertThat(config.nodeConfig().database()).isZero();
                    assertThat(config.nodeConfig().ssl()).isNull();
                });
    }

    @Test
    void aSentinelPasswordWithoutUserAuthenticatesAsTheDefaultUserAndTheDataPasswordStaysOnTheDataNodes() {
        runner.withPropertyValues("redis.sentinel.master=mymaster", "redis.sentinel.nodes=127.0.0.1:26379",
                        "redis.sentinel.password=" + SENTINEL_PASSWORD, "redis.password=" + DATA_PASSWORD)
                .run(context -> {
                    SentinelConfig config = context.getBean(SentinelConfig.class);
                    RedisConfig sentinel = config.sentinelConfig(config.sentinels().get(0));
                    assertThat(sentinel.username()).isNull();
                    assertThat(sentinel.password()).isEqualTo(SENTINEL_PASSWORD);
                    assertThat(config.nodeConfig().password()).isEqualTo(DATA_PASSWORD);
                });
    }

    @Test
    void customizersApplyToTheDataNodeTemplate() {
        runner.withPropertyValues("redis.sentinel.master=mymaster", "redis.sentinel.nodes=127.0.0.1:26379")
                .withBean(RedisConfigBuilderCustomizer.class, () -> builder -> builder.multiplexed(true))
                .run(context -> assertThat(context.getBean(SentinelConfig.class).nodeConfig().multiplexed())
                        .isTrue());
    }

    @Test
    void aBlankMasterLeavesSingleNodeMode() {
        runner.withPropertyValues("redis.sentinel.master= ").run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(RedisConfig.class).doesNotHaveBean(SentinelConfig.class));
    }

    @Test
    void clusterNodesTogetherWithASentinelIsAnErrorThatHidesThePasswords() {
        FailureAnalysis both = failure("redis.cluster.nodes=10.0.0.1:7000", "redis.sentinel.master=mymaster",
                "redis.sentinel.nodes=10.0.0.1:26379", "redis.password=" + DATA_PASSWORD,
                "redis.sentinel.password=" + SENTINEL_PASSWORD);
        assertThat(both.getDescription()).contains("'redis.sentinel.master'").contains("mymaster")
                .contains("redis.cluster.nodes");
        assertThat(both.getAction()).contains("redis.cluster.nodes").contains("redis.sentinel.master")
                .contains("not both");
        assertNoSecret(both);
        FailureAnalysis nodesOnly = failure("redis.cluster.nodes=10.0.0.1:7000",
                "redis.sentinel.nodes=10.0.0.1:26379");
        assertThat(nodesOnly.getDescription()).contains("'redis.sentinel.nodes'").contains("redis.cluster.nodes");
    }

    @Test
    void sentinelNodesWithoutMasterAndMasterWithoutNodesAreErrors() {
        FailureAnalysis noMaster = failure("redis.sentinel.nodes=10.0.0.1:26379",
                "redis.sentinel.password=" + SENTINEL_PASSWORD);
        assertThat(noMaster.getDescription()).contains("'redis.sentinel.master'")
                .contains("set when redis.sentinel.nodes is set");
        assertThat(noMaster.getAction()).contains("SENTINEL MASTERS");
        assertNoSecret(noMaster);
        FailureAnalysis noNodes = failure("redis.sentinel.master=mymaster",
                "redis.sentinel.password=" + SENTINEL_PASSWORD);
        assertThat(noNodes.getDescription()).contains("'redis.sentinel.nodes'").contains("at least one sentinel");
        assertThat(noNodes.getAction()).contains("'mymaster'");
        assertNoSecret(noNodes);
    }

    @Test
    void badSentinelPropertiesNameThePropertyAndNeverShowAPassword() {
        FailureAnalysis url = failure("redis.url=redis://app:" + DATA_PASSWORD + "@10.0.0.1:6379",
                "redis.sentinel.master=mymaster", "redis.sentinel.nodes=10.0.0.1:26379");
        assertThat(url.getDescription()).contains("'redis.url'").contains("redis.sentinel.master");
        assertNoSecret(url);
        FailureAnalysis userWithoutPassword = failure("redis.sentinel.master=mymaster",
                "redis.sentinel.nodes=10.0.0.1:26379", "redis.sentinel.username=watcher",
                "redis.password=" + DATA_PASSWORD);
        assertThat(userWithoutPassword.getDescription()).contains("'redis.sentinel.password'")
                .contains("redis.sentinel.username").doesNotContain("watcher");
        assertNoSecret(userWithoutPassword);
        assertThat(failure("redis.sentinel.master=mymaster", "redis.sentinel.nodes=10.0.0.1:99999")
                .getDescription()).contains("'redis.sentinel.nodes'").contains("host:port");
        assertThat(failure("redis.sentinel.master=mymaster", "redis.sentinel.nodes=10.0.0.1:26379",
                "redis.sentinel.check-interval=-1s").getDescription())
                .contains("'redis.sentinel.check-interval'").contains("0 or more");
        assertThat(failure("redis.sentinel.master=mymaster", "redis.sentinel.nodes=10.0.0.1:26379",
                "redis.read-from=nearest").getDescription()).contains("'redis.read-from'");
        assertThat(failure("redis.sentinel.master=mymaster", "redis.sentinel.nodes=10.0.0.1:26379",
                "redis.database=-1").getDescription()).contains("'redis.database'");
    }

    @Test
    void aSentinelSetupThatCannotBeReachedIsExplainedWithTheMasterAndTheSentinels() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("redis.sentinel.master", "mymaster")
                .withProperty("redis.sentinel.nodes", "10.0.0.1:26379,10.0.0.2:26379")
                .withProperty("redis.sentinel.password", SENTINEL_PASSWORD);
        RedisConnectionException cause = new RedisConnectionException("no sentinel of [10.0.0.1:26379, "
                + "10.0.0.2:26379] answered: Connection refused");
        FailureAnalysis analysis = new RedisFailureAnalyzer(environment)
                .analyze(new IllegalStateException("context failed", cause));
        assertThat(analysis.getDescription()).contains("Sentinel master 'mymaster'")
                .contains("10.0.0.1:26379,10.0.0.2:26379").contains("no sentinel of")
                .doesNotContain("6379 could");
        assertThat(analysis.getAction()).contains("redis.sentinel.nodes").contains("SENTINEL MASTERS")
                .contains("redis.sentinel.password");
        assertNoSecret(analysis);
    }

    @Test
    void propertiesToStringShowsTheSentinelsButNoPassword() {
        RedisProperties p = new RedisProperties();
        p.setPassword(DATA_PASSWORD);
        p.getSentinel().setMaster("mymaster");
        p.getSentinel().setNodes(List.of("10.0.0.1:26379"));
        p.getSentinel().setPassword(SENTINEL_PASSWORD);
        assertThat(p.toString()).contains("mymaster").contains("10.0.0.1:26379").doesNotContain(DATA_PASSWORD)
                .doesNotContain(SENTINEL_PASSWORD);
    }

    private static void assertNoSecret(FailureAnalysis analysis) {
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(DATA_PASSWORD)
                .doesNotContain(SENTINEL_PASSWORD);
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
            Throwable failure = context.getStartupFailure();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(DATA_PASSWORD)
                        .doesNotContain(SENTINEL_PASSWORD);
            }
            result[0] = new RedisFailureAnalyzer(environment).analyze(failure);
        });
        assertThat(result[0]).as("an analysis of %s", List.of(properties)).isNotNull();
        return result[0];
    }
}
