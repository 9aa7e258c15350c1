package io.respkit.spring.boot.autoconfigure.service;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.lifecycle.TestcontainersLifecycleApplicationContextInitializer;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ServiceConnection} on real Redis and Valkey containers, where a Docker engine answers. Where none does (as on
 * the machines this suite is written on), each test is aborted, not passed, with the reason Testcontainers gives, and
 * a warning is logged: {@link ServiceConnectionIntegrationTests} covers the factories there with a container stub.
 */
class RealContainerServiceConnectionIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(RealContainerServiceConnectionIntegrationTests.class);

    /** Why no container can run here, or {@code null} when a Docker engine answers; asked once. */
    private static final String NO_DOCKER = dockerProblem();

    private static String dockerProblem() {
        try {
            DockerClientFactory.instance().client();
            return null;
        } catch (Throwable e) { // Testcontainers throws IllegalStateException, or errors of its docker-java client
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void requireDocker() {
        if (NO_DOCKER != null) {
            String reason = "No Docker engine answers on this machine, so no real container can start ("
                    + NO_DOCKER + "); ServiceConnectionIntegrationTests covers @ServiceConnection with a stub";
            log.warn(reason);
            Assumptions.abort(reason);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RedisContainer {
        @Bean
        @ServiceConnection(name = "redis")
        GenericContainer<?> redis() {
            return new GenericContainer<>(DockerImageName.parse("redis:7.4-alpine")).withExposedPorts(6379);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ValkeyContainer {
        @Bean
        @ServiceConnection(name = "redis")
        GenericContainer<?> valkey() {
            return new GenericContainer<>(DockerImageName.parse("valkey/valkey:8-alpine")).withExposedPorts(6379);
        }
    }

    private static void assertReachedThroughTheContainer(Class<?> container) {
        new ApplicationContextRunner()
                .withInitializer(new TestcontainersLifecycleApplicationContextInitializer()) // starts the container
                .withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
                        RedisAutoConfiguration.class))
                .withUserConfiguration(container)
                .withPropertyValues("redis.url=redis://nowhere.invalid:1/3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    GenericContainer<?> running = context.getBean(GenericContainer.class);
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.host()).isEqualTo(running.getHost());
                    assertThat(config.port()).isEqualTo(running.getMappedPort(6379));
                    @SuppressWarnings("unchecked")
                    RedisClient<String> client = context.getBean(RedisClient.class);
                    client.set("svc:real", "v");
                    assertThat(client.get("svc:real")).isEqualTo("v");
                });
    }

    @Test
    void aRealRedisContainerIsReachedThroughItsServiceConnection() {
        requireDocker();
        assertReachedThroughTheContainer(RedisContainer.class);
    }

    @Test
    void aRealValkeyContainerIsReachedThroughItsServiceConnection() {
        requireDocker();
        assertReachedThroughTheContainer(ValkeyContainer.class);
    }
}
