package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.sentinel.SentinelConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unit tests (no server): a {@link RedisConnectionDetails} bean chooses the mode by its declared type and gives the
 * cluster or Sentinel configuration its nodes, credentials, database and TLS, while the other {@code redis.*}
 * properties still apply; a details bean whose shape its type does not announce fails the start-up; the
 * properties-backed details expose the shape of the mode the properties select; no password is ever shown. Beans are
 * lazy where a client would otherwise connect to the (absent) nodes.
 */
class RedisConnectionDetailsTests {

    private static final String DATA_PASSWORD = "dAta-s3cret";
    private static final String SENTINEL_PASSWORD = "s3nt!nel-pw";
    private static final List<HostAndPort> NODES = List.of(new HostAndPort("10.0.0.1", 7000),
            new HostAndPort("10.0.0.2", 7001));
    private static final List<HostAndPort> SENTINELS = List.of(new HostAndPort("10.0.0.5", 26379),
            new HostAndPort("::1", 26380));

    private final ApplicationContextRunner eagerRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    private final ApplicationContextRunner runner = eagerRunner
            .withBean(LazyInitializationBeanFactoryPostProcessor.class);

    /** A cluster's details as an application declares them: the method's return type announces the shape. */
    @Configuration(proxyBeanMethods = false)
    static class ClusterDetailsConfiguration {
        @Bean
        RedisConnectionDetails.ClusterDetails redisConnectionDetails() {
            return new RedisConnectionDetails.ClusterDetails() {
                @Override
                public RedisConnectionDetails.Cluster cluster() {
                    return RedisConnectionDetails.Cluster.of(NODES);
                }

                @Override
                public String username() {
                    return "app";
                }

                @Override
                public String password() {
                    return DATA_PASSWORD;
                }
            };
        }
    }

    /** A Sentinel deployment's details with every part set. */
    static final class FullSentinelDetails implements RedisConnectionDetails.SentinelDetails {
        @Override
        public RedisConnectionDetails.Sentinel sentinel() {
            return new RedisConnectionDetails.Sentinel() {
                @Override
                public String master() {
                    return "orders-primary";
                }

                @Override
                public List<HostAndPort> nodes() {
                    return SENTINELS;
                }

                @Override
                public String username() {
                    return "watcher";
                }

                @Override
                public String password() {
                    return SENTINEL_PASSWORD;
                }

                @Override
                public int database() {
                    return 2;
                }
            };
        }

        @Override
        public String username() {
            return "app";
        }

        @Override
        public String password() {
            return DATA_PASSWORD;
        }
    }

    /** Details of one server whose type says nothing more, with a cluster or Sentinel shape all the same. */
    static RedisConnectionDetails plain(RedisConnectionDetails.Cluster cluster, RedisConnectionDetails.Sentinel s) {
        return new RedisConnectionDetails() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 6390;
            }

            @Override
            public RedisConnectionDetails.Cluster cluster() {
                return cluster;
            }

            @Override
            public RedisConnectionDetails.Sentinel sentinel() {
                return s;
            }
        };
    }

    @Test
    void aClusterDetailsBeanSelectsClusterModeAndGivesTheNodesAndCredentials() {
        runner.withUserConfiguration(ClusterDetailsConfiguration.class)
                .withPropertyValues("redis.host=elsewhere.invalid", "redis.client-name=orders",
                        "redis.cluster.max-redirects=2", "redis.read-from=replica", "redis.timeout=700ms")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ClusterConfig.class)
                            .hasSingleBean(RedisClusterClient.class).doesNotHaveBean(RedisConfig.class)
                            .doesNotHaveBean(SentinelConfig.class);
                    ClusterConfig config = context.getBean(ClusterConfig.class);
                    assertThat(config.seeds()).containsExactlyElementsOf(NODES);
                    assertThat(config.nodeConfig().username()).isEqualTo("app");
                    assertThat(config.nodeConfig().clientName()).isEqualTo("orders");
                    assertThat(config.nodeConfig().timeout()).isEqualTo(Duration.ofMillis(700));
                    assertThat(config.nodeConfig().ssl()).isNull();
                    assertThat(config.maxRedirects()).isEqualTo(2);
                    assertThat(config.readFrom()).isEqualTo(ReadFrom.REPLICA);
                    assertThat(config.toString()).doesNotContain(DATA_PASSWORD);
                    assertThat(context.getBean(RedisConnectionDetails.class).toString())
                            .doesNotContain(DATA_PASSWORD);
                });
    }

    @Test
    void theClusterShapesSslBundleTurnsTlsOnWithHostnameVerification() {
        SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);
        RedisConnectionDetails.ClusterDetails details = () -> new RedisConnectionDetails.Cluster() {
            @Override
            public List<HostAndPort> nodes() {
                return NODES;
            }

            @Override
            public SslBundle sslBundle() {
                return bundle;
            }
        };
        runner.withBean(RedisConnectionDetails.ClusterDetails.class, () -> details).run(context -> {
            RedisConfig node = context.getBean(ClusterConfig.class).nodeConfig();
            assertThat(node.ssl()).isNotNull();
            assertThat(node.ssl().verifyHostname()).isTrue();
        });
    }

    @Test
    void aSentinelDetailsBeanSelectsSentinelModeWithItsDatabaseAndBothCredentials() {
        runner.withBean(RedisConnectionDetails.SentinelDetails.class, FullSentinelDetails::new)
                .withPropertyValues("redis.url=redis://nowhere.invalid:1/5", "redis.sentinel.check-interval=250ms",
                        "redis.client-name=orders")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SentinelConfig.class)
                            .hasSingleBean(RedisClient.class).doesNotHaveBean(RedisConfig.class)
                            .doesNotHaveBean(ClusterConfig.class);
                    SentinelConfig config = context.getBean(SentinelConfig.class);
                    assertThat(config.masterName()).isEqualTo("orders-primary");
                    assertThat(config.sentinels()).containsExactlyElementsOf(SENTINELS);
                    assertThat(config.sentinelUsername()).isEqualTo("watcher");
                    assertThat(config.checkInterval()).isEqualTo(Duration.ofMillis(250));
                    RedisConfig node = config.nodeConfig();
                    assertThat(node.username()).isEqualTo("app");
                    assertThat(node.database()).isEqualTo(2);
                    assertThat(node.clientName()).isEqualTo("orders");
                    assertThat(config.sentinelConfig(SENTINELS.get(0)).username()).isEqualTo("watcher");
                    assertThat(config.toString()).doesNotContain(DATA_PASSWORD).doesNotContain(SENTINEL_PASSWORD);
                });
    }

    @Test
    void aDetailsBeanOfOneServerWinsOverTheClusterProperties() {
        eagerRunner.withBean(RedisConnectionDetails.class, () -> plain(null, null))
                .withPropertyValues("redis.cluster.nodes=10.0.0.1:7000", "redis.client-name=orders")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RedisConfig.class)
                            .doesNotHaveBean(ClusterConfig.class).doesNotHaveBean(RedisClusterClient.class);
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.host()).isEqualTo("127.0.0.1");
                    assertThat(config.port()).isEqualTo(6390);
                    assertThat(config.clientName()).isEqualTo("orders");
                });
    }

    @Test
    void aDetailsBeanWhoseTypeHidesItsClusterShapeFailsTheStartInsteadOfConnectingToOneServer() {
        eagerRunner.withBean(RedisConnectionDetails.class, () -> plain(RedisConnectionDetails.Cluster.of(NODES), null))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("Redis Cluster")
                            .hasMessageContaining("RedisConnectionDetails.ClusterDetails");
                });
    }

    @Test
    void aDetailsBeanWhoseTypeHidesItsSentinelShapeFailsTheStart() {
        eagerRunner.withBean(RedisConnectionDetails.class,
                        () -> plain(null, RedisConnectionDetails.Sentinel.of("mymaster", SENTINELS)))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("Sentinel")
                            .hasMessageContaining("RedisConnectionDetails.SentinelDetails");
                });
    }

    @Test
    void aClusterDetailsBeanWithoutAClusterFailsTheStartNamingIt() {
        runner.withBean(RedisConnectionDetails.ClusterDetails.class, () -> () -> null).run(context -> {
            assertThat(context).hasNotFailed(); // lazy: the configuration is built on first use
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> context.getBean(ClusterConfig.class)))
                    .rootCause().isInstanceOf(IllegalStateException.class).hasMessageContaining("cluster()");
        });
    }

    @Test
    void thePropertiesBackedDetailsExposeTheClusterShapeInClusterMode() {
        runner.withPropertyValues("redis.cluster.nodes=10.0.0.1:7000, 10.0.0.2:7001", "redis.username=app",
                "redis.password=" + DATA_PASSWORD).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ClusterConfig.class);
                    RedisConnectionDetails details = context.getBean(RedisConnectionDetails.class);
                    assertThat(details.cluster().nodes()).containsExactlyElementsOf(NODES);
                    assertThat(details.sentinel()).isNull();
                    assertThat(details.username()).isEqualTo("app");
                    assertThat(details.password()).isEqualTo(DATA_PASSWORD);
                    assertThat(details.toString()).contains("10.0.0.1:7000").doesNotContain(DATA_PASSWORD);
                    assertThat(context.getBean(ClusterConfig.class).seeds()).containsExactlyElementsOf(NODES);
                });
    }

    @Test
    void thePropertiesBackedDetailsExposeTheSentinelShapeInSentinelMode() {
        runner.withPropertyValues("redis.sentinel.master= mymaster ", "redis.sentinel.nodes=10.0.0.5,[::1]:26380",
                "redis.sentinel.username=watcher", "redis.sentinel.password=" + SENTINEL_PASSWORD,
                "redis.password=" + DATA_PASSWORD, "redis.database=4").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SentinelConfig.class);
                    RedisConnectionDetails details = context.getBean(RedisConnectionDetails.class);
                    RedisConnectionDetails.Sentinel sentinel = details.sentinel();
                    assertThat(sentinel.master()).isEqualTo("mymaster");
                    assertThat(sentinel.nodes()).containsExactlyElementsOf(SENTINELS);
                    assertThat(sentinel.username()).isEqualTo("watcher");
                    assertThat(sentinel.password()).isEqualTo(SENTINEL_PASSWORD);
                    assertThat(sentinel.database()).isEqualTo(4);
                    assertThat(details.cluster()).isNull();
                    assertThat(details.password()).isEqualTo(DATA_PASSWORD);
                    assertThat(details.toString()).contains("mymaster").doesNotContain(DATA_PASSWORD)
                            .doesNotContain(SENTINEL_PASSWORD);
                    assertThat(sentinel.toString()).doesNotContain(SENTINEL_PASSWORD);
                    assertThat(context.getBean(SentinelConfig.class).nodeConfig().database()).isEqualTo(4);
                });
    }

    @Test
    void thePropertiesBackedDetailsOfOneServerHaveNeitherShape() {
        runner.withPropertyValues("redis.host=db.example").run(context -> {
            RedisConnectionDetails details = context.getBean(RedisConnectionDetails.class);
            assertThat(details.host()).isEqualTo("db.example");
            assertThat(details.cluster()).isNull();
            assertThat(details.sentinel()).isNull();
        });
    }

    @Test
    void theShapesRefuseEmptyNodesAndABlankMaster() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisConnectionDetails.Cluster.of(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisConnectionDetails.Sentinel.of(" ", SENTINELS));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisConnectionDetails.Sentinel.of("m", List.of()));
        assertThat(RedisConnectionDetails.Sentinel.of("m", SENTINELS).database()).isZero();
    }
}
