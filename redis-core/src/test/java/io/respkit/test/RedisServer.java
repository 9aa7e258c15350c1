package io.respkit.test;

import io.respkit.connection.RedisConfig;

/**
 * A Redis server a test talks to: a {@code redis-server} process this run started, a Testcontainers container, or
 * the server named by {@code REDIS_URL}.
 *
 * <p>Thread-safe.
 */
public interface RedisServer {

    /** @return the host to connect to */
    String host();

    /** @return the port to connect to */
    int port();

    /** @return how the server was provided, e.g. {@code "redis-server process"} */
    String kind();

    /**
     * Returns a configuration builder pointing at this server, for adding options.
     *
     * @return the builder
     */
    default RedisConfig.Builder configBuilder() {
        return RedisConfig.builder().host(host()).port(port());
    }

    /** @return a configuration pointing at this server */
    default RedisConfig config() {
        return configBuilder().build();
    }

    /** @return {@code redis://host:port} */
    default String url() {
        return "redis://" + host() + ":" + port();
    }

    /**
     * Returns the local process when this server is one, for fault-injection tests (restart, kill, pause).
     *
     * @return the process, or {@code null} when the server is a container or external
     */
    default RedisProcess process() {
        return null;
    }
}
