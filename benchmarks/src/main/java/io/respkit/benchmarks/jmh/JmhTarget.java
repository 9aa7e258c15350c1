package io.respkit.benchmarks.jmh;

import io.respkit.benchmarks.Contenders;
import io.respkit.benchmarks.Driver;
import io.respkit.benchmarks.LocalRedis;

/**
 * The server and client of one JMH trial: the server at {@code -Dbench.port} on 127.0.0.1, or one started for the
 * trial, and a fresh driver of the contender under test.
 *
 * <p>Not thread-safe: created and closed by JMH's set-up and tear-down; the driver says whether it is.
 */
final class JmhTarget implements AutoCloseable {

    private final LocalRedis redis;
    private final Driver driver;

    JmhTarget(String client, int threads) {
        int port = Integer.getInteger("bench.port", 0);
        this.redis = port == 0 ? LocalRedis.start() : null;
        this.driver = Contenders.create(client, "127.0.0.1", redis != null ? redis.port() : port, threads);
    }

    Driver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
        if (redis != null) {
            redis.close();
        }
    }
}
