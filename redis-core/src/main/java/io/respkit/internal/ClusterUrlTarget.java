package io.respkit.internal;

import io.respkit.exceptions.RedisUrlSyntaxException;

import java.time.Duration;

/**
 * What a cluster URL sets beyond the per-node settings of a {@link UrlTarget}: its seeds and the cluster options,
 * one call per setting, in the order the URL gives them. A method may refuse a value with an
 * {@link IllegalArgumentException}, which {@link ClusterUrlParser} reports as a {@link RedisUrlSyntaxException}
 * naming the option. Implementations need not be thread-safe: a parse runs on one thread.
 */
public interface ClusterUrlTarget {
    /**
     * @param host a seed's host, without brackets
     * @param port its port, 6379 when the URL gives none
     */
    void seed(String host, int port);

    /** @param maxRedirects the {@code maxRedirects} option, 0 or more */
    void maxRedirects(int maxRedirects);

    /** @param period the {@code refreshPeriod} option, zero for off */
    void refreshPeriod(Duration period);

    /** @param interval the {@code refreshMinInterval} option, zero or more */
    void refreshMinInterval(Duration interval);

    /** @param readFrom the {@code readFrom} option as given, not yet checked */
    void readFrom(String readFrom);
}
