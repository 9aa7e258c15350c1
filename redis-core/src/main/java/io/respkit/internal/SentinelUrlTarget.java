package io.respkit.internal;

import io.respkit.exceptions.RedisUrlSyntaxException;

import java.time.Duration;

/**
 * What a sentinel URL sets beyond the per-node settings of a {@link UrlTarget}: its sentinels, the master name and
 * the sentinel options, one call per setting, in the order the URL gives them. A method may refuse a value with an
 * {@link IllegalArgumentException}, which {@link SentinelUrlParser} reports as a {@link RedisUrlSyntaxException}
 * naming the option; such a message must never hold a password. Implementations need not be thread-safe: a parse
 * runs on one thread.
 */
public interface SentinelUrlTarget {
    /**
     * @param host a sentinel's host, without brackets
     * @param port its port, 26379 when the URL gives none
     */
    void sentinel(String host, int port);

    /** @param masterName the master name from the path, percent-decoded, not blank */
    void masterName(String masterName);

    /** @param readFrom the {@code readFrom} option as given, not yet checked */
    void readFrom(String readFrom);

    /** @param interval the {@code checkInterval} option, zero for off */
    void checkInterval(Duration interval);

    /** @param username the {@code sentinelUsername} option, percent-decoded */
    void sentinelUsername(String username);

    /** @param password the {@code sentinelPassword} option, percent-decoded */
    void sentinelPassword(String password);
}
