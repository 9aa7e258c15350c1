package io.respkit.spring.boot.autoconfigure.service;

import io.respkit.spring.boot.autoconfigure.RedisConnectionDetails;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.ssl.SslBundle;

/**
 * Makes a Docker Compose service running a Redis or Valkey image ({@code redis}, {@code redis/redis-stack},
 * {@code redis/redis-stack-server}, {@code bitnami/redis}, {@code valkey/valkey}, {@code bitnami/valkey}) give the
 * starter its {@link RedisConnectionDetails} when Spring Boot's Docker Compose support starts it: the service's host
 * and the port mapped to 6379, the password of the Bitnami images ({@code REDIS_PASSWORD}, {@code VALKEY_PASSWORD}),
 * and the SSL bundle of the service's {@code org.springframework.boot.sslbundle.*} labels. Registered in
 * {@code META-INF/spring.factories}; used only when {@code spring-boot-docker-compose} is on the class path.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisDockerComposeConnectionDetailsFactory
        extends DockerComposeConnectionDetailsFactory<RedisConnectionDetails> {

    /** Creates the factory for the Redis and Valkey image names. */
    public RedisDockerComposeConnectionDetailsFactory() {
        super(new String[] {"redis", "redis/redis-stack", "redis/redis-stack-server", "bitnami/redis",
            "valkey/valkey", "bitnami/valkey"});
    }

    @Override
    protected RedisConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
        return new ServiceDetails(source.getRunningService());
    }

    /** The details of one running service. */
    static final class ServiceDetails extends DockerComposeConnectionDetails implements RedisConnectionDetails {

        private final String host;
        private final int port;
        private final String password;
        private final SslBundle sslBundle;

        ServiceDetails(RunningService service) {
            super(service);
            this.host = service.host();
            this.port = service.ports().get(RedisContainerConnectionDetailsFactory.REDIS_PORT);
            String pw = service.env().get("REDIS_PASSWORD");
            this.password = pw != null ? pw : service.env().get("VALKEY_PASSWORD");
            this.sslBundle = getSslBundle(service);
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String password() {
            return password == null || password.isEmpty() ? null : password;
        }

        @Override
        public SslBundle sslBundle() {
            return sslBundle;
        }

        @Override
        public String toString() {
            return "RedisDockerComposeConnectionDetails[" + host + ":" + port + "]";
        }
    }
}
