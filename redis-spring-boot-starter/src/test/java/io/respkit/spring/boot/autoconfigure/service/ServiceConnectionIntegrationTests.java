package io.respkit.spring.boot.autoconfigure.service;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisConnectionDetails;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeSources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service connections without a Docker engine: a Testcontainers container whose host and mapped port are those of
 * the test's real {@code redis-server} (Boot's own service-connection machinery makes the details from the
 * {@code @ServiceConnection} bean), and a Docker Compose service stub. A real container is not started here: the
 * machine the suite runs on need not have Docker ({@link RealContainerServiceConnectionIntegrationTests} starts real
 * Redis and Valkey containers where a Docker engine answers).
 */
@ExtendWith(RedisServerExtension.class)
class ServiceConnectionIntegrationTests {

    /** A Redis container that is never started: it answers with the test server's address. */
    static final class RedirectedContainer extends GenericContainer<RedirectedContainer> {
        static volatile RedisServer target;

        RedirectedContainer() {
            super(DockerImageName.parse("redis:7.0"));
        }

        @Override
        public void start() {
            // the test's redis-server is already running
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public String getHost() {
            return target.host();
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            assertThat(originalPort).isEqualTo(6379);
            return target.port();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ContainerConfiguration {
        @Bean
        @ServiceConnection(name = "redis") // a @Bean method's image is not known before it runs
        RedirectedContainer redis() {
            return new RedirectedContainer();
        }
    }

    @Test
    void serviceConnectionOnARedisContainerWinsOverTheProperties(RedisServer server) {
        RedirectedContainer.target = server;
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
                        RedisAutoConfiguration.class))
                .withUserConfiguration(ContainerConfiguration.class)
                .withPropertyValues("redis.url=redis://nowhere.invalid:1/3", "redis.client-name=svc-it")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisConnectionDetails details = context.getBean(RedisConnectionDetails.class);
                    assertThat(details.host()).isEqualTo(server.host());
                    assertThat(details.port()).isEqualTo(server.port());
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.host()).isEqualTo(server.host());
                    assertThat(config.port()).isEqualTo(server.port());
                    assertThat(config.database()).isZero();
                    assertThat(config.clientName()).isEqualTo("svc-it"); // other properties still apply
                    @SuppressWarnings("unchecked")
                    RedisClient<String> client = context.getBean(RedisClient.class);
                    assertThat(client.ping()).isEqualTo("PONG");
                });
    }

    @Test
    void withoutAServiceConnectionThePropertiesGiveTheDetails() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("redis.url=redis://app:s3cret@db.example:6380/2")
                .run(context -> {
                    RedisConnectionDetails details = context.getBean(RedisConnectionDetails.class);
                    assertThat(details.host()).isEqualTo("db.example");
                    assertThat(details.port()).isEqualTo(6380);
                    assertThat(details.database()).isEqualTo(2);
                    assertThat(details.username()).isEqualTo("app");
                    assertThat(details.password()).isEqualTo("s3cret");
                    assertThat(details.toString()).doesNotContain("s3cret");
                    assertThat(context.getBean(RedisConfig.class).port()).isEqualTo(6380);
                });
    }

    @Test
    void anApplicationsOwnDetailsBeanIsUsedWithItsCredentials(RedisServer server) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("redis.host=nowhere.invalid", "redis.password=wrong")
                .withBean(RedisConnectionDetails.class, () -> new RedisConnectionDetails() {
                    @Override
                    public String host() {
                        return server.host();
                    }

                    @Override
                    public int port() {
                        return server.port();
                    }

                    @Override
                    public int database() {
                        return 4;
                    }
                })
                .run(context -> {
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.host()).isEqualTo(server.host());
                    assertThat(config.database()).isEqualTo(4);
                    assertThat(config.password()).isNull(); // the details' (none), not the property's
                });
    }

    @Test
    void dockerComposeRedisAndValkeyServicesGiveDetails() {
        RedisDockerComposeConnectionDetailsFactory factory = new RedisDockerComposeConnectionDetailsFactory();
        RedisConnectionDetails redis = (RedisConnectionDetails) factory.getConnectionDetails(DockerComposeSources.of(
                service("redis:7.4", Map.of()), new MockEnvironment()));
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(redis.port()).isEqualTo(32768);
        assertThat(redis.password()).isNull();
        assertThat(redis.sslBundle()).isNull();

        RedisConnectionDetails valkey = (RedisConnectionDetails) factory.getConnectionDetails(DockerComposeSources.of(
                service("bitnami/valkey:8", Map.of("VALKEY_PASSWORD", "v4lkey")), new MockEnvironment()));
        assertThat(valkey.password()).isEqualTo("v4lkey");
        assertThat(valkey.toString()).doesNotContain("v4lkey");

        assertThat(factory.getConnectionDetails(DockerComposeSources.of(service("postgres:16", Map.of()),
                new MockEnvironment()))).isNull();
    }

    private static RunningService service(String image, Map<String, String> env) {
        return new RunningService() {
            @Override
            public String name() {
                return "cache";
            }

            @Override
            public ImageReference image() {
                return ImageReference.of(image);
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public ConnectionPorts ports() {
                return new ConnectionPorts() {
                    @Override
                    public int get(int containerPort) {
                        assertThat(containerPort).isEqualTo(6379);
                        return 32768;
                    }

                    @Override
                    public List<Integer> getAll() {
                        return List.of(32768);
                    }

                    @Override
                    public List<Integer> getAll(String protocol) {
                        return List.of(32768);
                    }
                };
            }

            @Override
            public Map<String, String> env() {
                return env;
            }

            @Override
            public Map<String, String> labels() {
                return Map.of();
            }
        };
    }
}
