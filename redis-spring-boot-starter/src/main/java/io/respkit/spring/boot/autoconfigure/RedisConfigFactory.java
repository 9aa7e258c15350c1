package io.respkit.spring.boot.autoconfigure;

import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.sentinel.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

import javax.net.ssl.SSLContext;
import java.util.function.Consumer;

/**
 * Turns {@link RedisProperties} into a {@link RedisConfig.Builder}. A URL wins over host, port, username, password,
 * database and {@code ssl.enabled}; timeouts, client name, protocol and pool settings apply underneath it (the URL's
 * own query options, when present, win over them). A TLS bundle applies on top of either. In cluster mode it builds
 * a {@link ClusterConfig} instead, whose seeds and credentials come from the {@link RedisConnectionDetails} and whose
 * per-node template takes the other properties (URL, host, port and database excepted); in Sentinel mode a
 * {@link SentinelConfig}, whose sentinels, master name, credentials and database come from the details and whose
 * data-node template takes the other properties too.
 *
 * <p>Stateless and thread-safe.
 */
final class RedisConfigFactory {

    private static final Logger log = LoggerFactory.getLogger(RedisConfigFactory.class);

    private RedisConfigFactory() {
    }

    /**
     * Builds the configuration builder.
     *
     * @param properties the bound properties
     * @param bundles the SSL bundles, or {@code null} when none are configured
     * @return the builder, ready for customizers
     * @throws io.respkit.exceptions.RedisUrlSyntaxException when {@code redis.url} is malformed
     * @throws InvalidRedisPropertyException when a property is out of range, or {@code redis.ssl.bundle} names a
     *         bundle that cannot be used
     */
    static RedisConfig.Builder builder(RedisProperties properties, SslBundles bundles) {
        RedisPropertyChecks.connection(properties);
        return builder(properties, bundles, true);
    }

    private static RedisConfig.Builder builder(RedisProperties properties, SslBundles bundles, boolean single) {
        RedisConfig.Builder b = RedisConfig.builder()
                .timeout(properties.getTimeout())
                .connectTimeout(properties.getConnectTimeout())
                .healthCheckInterval(properties.getHealthCheckInterval())
                .protocol(properties.getProtocol() == RedisProperties.Protocol.RESP2 ? RespVersion.RESP2
                        : RespVersion.RESP3)
                .clientName(StringUtils.hasText(properties.getClientName()) ? properties.getClientName() : null)
                .charset(properties.getCharset())
                .retryReads(properties.isRetryReads())
                .pool(pool(properties.getPool()));
        if (properties.effectiveConnectionMode() != null) {
            b.connectionMode(properties.effectiveConnectionMode());
        }
        RedisProperties.Ssl ssl = properties.getSsl();
        boolean tls;
        boolean urlVerifiesHostname = true;
        if (single && StringUtils.hasText(properties.getUrl())) {
            b.url(properties.getUrl());
            SslOptions fromUrl = b.build().ssl();
            tls = fromUrl != null;
            urlVerifiesHostname = fromUrl == null || fromUrl.verifyHostname();
        } else {
            if (single) {
                b.host(properties.getHost()).port(properties.getPort()).database(properties.getDatabase());
            }
            b.username(StringUtils.hasText(properties.getUsername()) ? properties.getUsername() : null)
                    .password(StringUtils.hasLength(properties.getPassword()) ? properties.getPassword() : null);
            tls = ssl.isEnabled();
        }
        SSLContext context = null;
        if (StringUtils.hasText(ssl.getBundle())) {
            context = sslContext(ssl.getBundle(), bundles);
            tls = true;
        }
        if (tls) {
            // Either source may turn verification off; neither may turn it back on behind the other's back.
            boolean verify = ssl.isVerifyHostname() && urlVerifiesHostname;
            if (!verify) {
                log.warn("TLS hostname verification is turned off for Redis: any server with a trusted certificate "
                        + "can impersonate it");
            }
            b.ssl(new SslOptions(context, verify));
        } else {
            b.ssl(false);
        }
        return b;
    }

    /**
     * Points a builder at the server a service connection names: its host, port, database and credentials replace
     * the properties' ({@code redis.url} included); its SSL bundle, when it has one, turns TLS on with hostname
     * verification.
     *
     * @param details the service connection's details
     * @param b the builder from the properties
     * @throws IllegalStateException when the details describe a cluster or a Sentinel deployment: their type did not
     *         say so, so single-node mode was chosen
     */
    static void apply(RedisConnectionDetails details, RedisConfig.Builder b) {
        if (details.cluster() != null) {
            throw hiddenShape("a Redis Cluster (its cluster() is not null)", "RedisConnectionDetails.ClusterDetails");
        }
        if (details.sentinel() != null) {
            throw hiddenShape("a Sentinel deployment (its sentinel() is not null)",
                    "RedisConnectionDetails.SentinelDetails");
        }
        b.host(details.host()).port(details.port()).database(details.database())
                .username(details.username()).password(details.password());
        tls(details.sslBundle(), b);
    }

    private static IllegalStateException hiddenShape(String shape, String type) {
        return new IllegalStateException("The RedisConnectionDetails bean describes " + shape + ", but its declared "
                + "type is not " + type + ", so the starter chose single-server mode before the bean existed (the "
                + "mode decides which beans are defined). Declare the @Bean method's return type (or the bean's "
                + "class) as " + type + ".");
    }

    /** Turns TLS on with the bundle's context and hostname verification, when there is a bundle. */
    private static void tls(SslBundle bundle, RedisConfig.Builder b) {
        if (bundle != null) {
            b.ssl(new SslOptions(bundle.createSslContext(), true));
        }
    }

    /**
     * Replaces the properties' credentials and TLS with the details' when the details are not the properties'
     * own (for those, the builder already has them, TLS included, which an SSL bundle cannot fully say).
     */
    private static void credentials(RedisConnectionDetails details, SslBundle bundle, RedisConfig.Builder b) {
        if (!(details instanceof PropertiesRedisConnectionDetails)) {
            b.username(details.username()).password(details.password());
            tls(bundle, b);
        }
    }

    /**
     * Builds the cluster configuration: the seeds from the details' {@link RedisConnectionDetails#cluster()}, the
     * cluster options from {@code redis.cluster.*} and {@code redis.read-from}, the per-node template from the other
     * properties with the details' credentials and SSL bundle, after {@code nodeCustomizer}.
     *
     * @param properties the bound properties
     * @param bundles the SSL bundles, or {@code null} when none are configured
     * @param details where to connect: the properties' own details (with {@code redis.cluster.nodes} set) or a
     *        {@link RedisConnectionDetails.ClusterDetails} bean
     * @param nodeCustomizer applied to the per-node template's builder (the {@link RedisConfigBuilderCustomizer}s)
     * @return the configuration
     * @throws InvalidRedisPropertyException when a property is out of range or inconsistent, or
     *         {@code redis.ssl.bundle} names a bundle that cannot be used
     * @throws IllegalStateException when the details have no cluster
     */
    static ClusterConfig cluster(RedisProperties properties, SslBundles bundles, RedisConnectionDetails details,
            Consumer<RedisConfig.Builder> nodeCustomizer) {
        RedisPropertyChecks.connection(properties);
        if (details instanceof PropertiesRedisConnectionDetails) {
            RedisPropertyChecks.cluster(properties); // what only the properties can get wrong: url, database
        }
        RedisPropertyChecks.clusterOptions(properties);
        RedisConnectionDetails.Cluster shape = details.cluster();
        if (shape == null) {
            throw new IllegalStateException("The RedisConnectionDetails bean selects cluster mode, "
                    + "but its cluster() is null: return the cluster's nodes from it.");
        }
        RedisConfig.Builder node = builder(properties, bundles, false);
        credentials(details, shape.sslBundle(), node);
        nodeCustomizer.accept(node);
        RedisClusterProperties cluster = properties.getCluster();
        return ClusterConfig.builder()
                .seeds(shape.nodes())
                .nodeConfig(node.build())
                .maxRedirects(cluster.getMaxRedirects())
                .refreshPeriod(cluster.getRefresh().getPeriod())
                .refreshMinInterval(cluster.getRefresh().getMinInterval())
                .readFrom(RedisPropertyChecks.readFrom(properties))
                .build();
    }

    /**
     * Builds the Sentinel configuration: the sentinels, the master name, the sentinels' credentials and the data
     * nodes' database from the details' {@link RedisConnectionDetails#sentinel()}, the check interval from
     * {@code redis.sentinel.check-interval}, the read choice from {@code redis.read-from}, and the data nodes'
     * template from the other properties with the details' credentials and SSL bundle, after {@code nodeCustomizer}.
     * The template's TLS, protocol and timeouts apply to the sentinel connections too, its credentials do not.
     *
     * @param properties the bound properties
     * @param bundles the SSL bundles, or {@code null} when none are configured
     * @param details where to connect: the properties' own details (with {@code redis.sentinel.master} set) or a
     *        {@link RedisConnectionDetails.SentinelDetails} bean
     * @param nodeCustomizer applied to the data-node template's builder (the {@link RedisConfigBuilderCustomizer}s)
     * @return the configuration; its {@code toString()} masks both passwords
     * @throws InvalidRedisPropertyException when a property is out of range or inconsistent, or
     *         {@code redis.ssl.bundle} names a bundle that cannot be used; never showing a password
     * @throws IllegalStateException when the details have no Sentinel deployment
     * @throws IllegalArgumentException when the details' sentinel user name comes without a password
     */
    static SentinelConfig sentinel(RedisProperties properties, SslBundles bundles, RedisConnectionDetails details,
            Consumer<RedisConfig.Builder> nodeCustomizer) {
        RedisPropertyChecks.connection(properties);
        if (details instanceof PropertiesRedisConnectionDetails) {
            RedisPropertyChecks.sentinel(properties); // url, missing sentinels, a user name without a password
        }
        RedisPropertyChecks.sentinelOptions(properties);
        RedisConnectionDetails.Sentinel shape = details.sentinel();
        if (shape == null) {
            throw new IllegalStateException("The RedisConnectionDetails bean selects Sentinel mode, "
                    + "but its sentinel() is null: return the master name and the sentinels from it.");
        }
        RedisConfig.Builder node = builder(properties, bundles, false).database(shape.database());
        credentials(details, shape.sslBundle(), node);
        nodeCustomizer.accept(node);
        SentinelConfig.Builder b = SentinelConfig.builder()
                .sentinels(shape.nodes())
                .masterName(shape.master().strip())
                .nodeConfig(node.build())
                .readFrom(RedisPropertyChecks.readFrom(properties))
                .checkInterval(properties.getSentinel().getCheckInterval());
        if (shape.username() != null || shape.password() != null) {
            b.sentinelCredentials(shape.username(), shape.password());
        }
        return b.build();
    }

    private static SSLContext sslContext(String bundle, SslBundles bundles) {
        String action = "Define the bundle '" + bundle + "' under spring.ssl.bundle.jks." + bundle + " or "
                + "spring.ssl.bundle.pem." + bundle + " (with the CA that signed the server's certificate, and a "
                + "key store for client certificates), or set redis.ssl.bundle to a bundle that exists.";
        if (bundles == null) {
            throw new InvalidRedisPropertyException("redis.ssl.bundle", bundle, "the name of an SSL bundle, but no "
                    + "SSL bundles are configured", action, null);
        }
        try {
            return bundles.getBundle(bundle).createSslContext();
        } catch (RuntimeException e) {
            throw new InvalidRedisPropertyException("redis.ssl.bundle", bundle, "the name of a usable SSL bundle ("
                    + e.getMessage() + ")", action, e);
        }
    }

    private static PoolConfig pool(RedisProperties.Pool pool) {
        int maxTotal = pool.getMaxTotal();
        int maxIdle = pool.getMaxIdle() != null ? pool.getMaxIdle() : maxTotal;
        return PoolConfig.builder()
                .maxTotal(maxTotal)
                .maxIdle(maxIdle)
                .minIdle(pool.getMinIdle())
                .maxWait(pool.getMaxWait())
                .testWhileIdle(pool.isTestWhileIdle())
                .testOnBorrow(pool.isTestOnBorrow())
                .timeBetweenEvictionRuns(pool.getTimeBetweenEvictionRuns())
                .validateAfterIdle(pool.getValidateAfterIdle())
                .probeAfterIdle(pool.getProbeAfterIdle())
                .build();
    }
}
