package io.respkit.internal;

import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;

import java.time.Duration;

/**
 * Applies what a Redis URL sets ({@link RedisUrlParser}, {@link UrlTarget}) to a {@link RedisConfig.Builder}, on top
 * of what the builder holds already: the builder's side of the URL, so that the parser needs no configuration type.
 * Internal rather than beside {@link RedisConfig} because {@code ClusterConfig} applies a cluster URL's per-node
 * options to its node template through it too.
 *
 * <p>Not thread-safe: used for one parse, on one thread.
 */
public final class UrlSettings implements UrlTarget {

    private final RedisConfig.Builder b;

    private UrlSettings(RedisConfig.Builder b) {
        this.b = b;
    }

    /**
     * Parses {@code url} into {@code b}.
     *
     * @param url the URL
     * @param b the builder
     * @return the builder
     * @throws io.respkit.exceptions.RedisUrlSyntaxException when the URL is malformed
     */
    public static RedisConfig.Builder apply(String url, RedisConfig.Builder b) {
        RedisUrlParser.parse(url, new UrlSettings(b));
        return b;
    }

    /**
     * Returns the target that applies a URL's settings to {@code b}.
     *
     * @param b the builder
     * @return the target
     */
    public static UrlTarget of(RedisConfig.Builder b) {
        return new UrlSettings(b);
    }

    @Override
    public void tls(boolean tls) {
        if (tls) {
            b.ssl(true);
        } else {
            b.ssl((SslOptions) null);
        }
    }

    @Override
    public void password(String password) {
        b.password(password);
    }

    @Override
    public void credentials(String username, String password) {
        b.username(username);
        b.password(password);
    }

    @Override
    public void host(String host) {
        b.host(host);
    }

    @Override
    public void port(int port) {
        b.port(port);
    }

    @Override
    public void database(int database) {
        b.database(database);
    }

    @Override
    public void timeout(Duration timeout) {
        b.timeout(timeout);
    }

    @Override
    public void connectTimeout(Duration timeout) {
        b.connectTimeout(timeout);
    }

    @Override
    public void clientName(String name) {
        b.clientName(name);
    }

    @Override
    public void protocol(RespVersion protocol) {
        b.protocol(protocol);
    }

    @Override
    public void retryReads(boolean retry) {
        b.retryReads(retry);
    }

    @Override
    public void multiplexed(boolean multiplexed) {
        b.multiplexed(multiplexed);
    }

    @Override
    public void connectionMode(io.respkit.connection.ConnectionMode mode) {
        b.connectionMode(mode);
    }

    @Override
    public void healthCheckInterval(Duration interval) {
        b.healthCheckInterval(interval);
    }

    @Override
    public void verifyHostname(boolean verify) {
        // Keeps a configured SSLContext: only the verification changes.
        SslOptions current = b.build().ssl();
        b.ssl(current == null ? new SslOptions(null, verify) : current.withVerifyHostname(verify));
    }

    /**
     * Sets the pool sizes the URL gives and keeps the others consistent with them: a {@code maxIdle} that equalled
     * {@code maxTotal} follows it, a larger one is cut to it, and {@code minIdle} to the idle size.
     */
    @Override
    public void pool(Integer maxTotal, Integer maxIdle, Integer minIdle, Duration maxWait) {
        PoolConfig p = b.pool();
        int total = maxTotal != null ? maxTotal : p.maxTotal();
        int idle = maxIdle != null ? maxIdle
                : p.maxIdle() == p.maxTotal() ? total : Math.min(p.maxIdle(), total);
        int min = minIdle != null ? minIdle : Math.min(p.minIdle(), idle);
        PoolConfig.Builder pb = p.toBuilder().maxTotal(total).maxIdle(idle).minIdle(min);
        if (maxWait != null) {
            pb.maxWait(maxWait);
        }
        b.pool(pb.build());
    }
}
