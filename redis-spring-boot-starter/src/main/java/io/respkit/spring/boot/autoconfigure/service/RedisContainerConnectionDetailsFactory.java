package io.respkit.spring.boot.autoconfigure.service;

import io.respkit.spring.boot.autoconfigure.RedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.containers.Container;

import java.util.List;

/**
 * Makes {@code @ServiceConnection} on a Testcontainers Redis or Valkey container ({@code redis},
 * {@code redis/redis-stack}, {@code redis/redis-stack-server}, {@code valkey/valkey} images, or any container with
 * {@code @ServiceConnection(name = "redis")}) give the starter its {@link RedisConnectionDetails}: the container's host
 * and mapped port 6379, and the SSL bundle of {@code @Ssl}/{@code @PemKeyStore}/... annotations. Registered in
 * {@code META-INF/spring.factories}; used only when {@code spring-boot-testcontainers} is on the class path.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<Container<?>, RedisConnectionDetails> {

    /** The port Redis and Valkey listen on inside their images. */
    static final int REDIS_PORT = 6379;

    /** Creates the factory for the Redis and Valkey image names. */
    public RedisContainerConnectionDetailsFactory() {
        super(List.of("redis", "redis/redis-stack", "redis/redis-stack-server", "valkey/valkey"));
    }

    @Override
    protected RedisConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
        return new ContainerDetails(source);
    }

    /** The details of one container, read from it when asked (it is started by then). */
    static final class ContainerDetails extends ContainerConnectionDetails<Container<?>>
            implements RedisConnectionDetails {

        ContainerDetails(ContainerConnectionSource<Container<?>> source) {
            super(source);
        }

        @Override
        public String host() {
            return getContainer().getHost();
        }

        @Override
        public int port() {
            return getContainer().getMappedPort(REDIS_PORT);
        }

        @Override
        public SslBundle sslBundle() {
            return super.getSslBundle();
        }
    }
}
