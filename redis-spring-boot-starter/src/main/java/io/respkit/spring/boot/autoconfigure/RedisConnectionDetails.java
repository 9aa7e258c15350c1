package io.respkit.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the starter connects to one Redis server, for Spring Boot's service connections: a bean of this type,
 * such as the one {@code @ServiceConnection} makes for a Testcontainers Redis or Valkey container, or Docker Compose
 * for a {@code redis}/{@code valkey} service, wins over {@code redis.url}, {@code redis.host} and the other address
 * and credential properties. The other {@code redis.*} properties (timeouts, pool, protocol, client name) still
 * apply. Without such a bean, the starter derives one from the properties. Cluster and Sentinel mode are chosen by
 * their properties and do not use it.
 *
 * <p>Implementations are thread-safe; {@link #toString()} must never show the password.
 */
public interface RedisConnectionDetails extends ConnectionDetails {

    /**
     * Returns the server's host.
     *
     * @return a host name or address
     */
    String host();

    /**
     * Returns the server's port.
     *
     * @return the port
     */
    int port();

    /**
     * Returns the ACL user.
     *
     * @return the user, or {@code null} for the default user
     */
    default String username() {
        return null;
    }

    /**
     * Returns the password.
     *
     * @return the password, or {@code null} for none
     */
    default String password() {
        return null;
    }

    /**
     * Returns the database selected on every connection.
     *
     * @return the database index, 0 by default
     */
    default int database() {
        return 0;
    }

    /**
     * Returns the SSL bundle that turns TLS on.
     *
     * @return the bundle, or {@code null} for plain TCP (unless the properties turn TLS on)
     */
    default SslBundle sslBundle() {
        return null;
    }
}
