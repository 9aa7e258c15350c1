package io.respkit.internal;

import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.protocol.RespVersion;

import java.time.Duration;

/**
 * What a URL sets, one call per setting it gives, in the order it gives them. A method may refuse a value with an
 * {@link IllegalArgumentException}, which the parser reports as a {@link RedisUrlSyntaxException} naming the
 * option (for query options and the pool sizes). Implementations need not be thread-safe: a parse runs on one
 * thread.
 */
public interface UrlTarget {
    /** @param tls {@code true} for {@code rediss://}, {@code false} for {@code redis://} */
    void tls(boolean tls);

    /** @param password the password of a user info without a colon ({@code redis://password@host}) */
    void password(String password);

    /**
     * @param username the user name, {@code null} when empty
     * @param password the password, {@code null} when empty
     */
    void credentials(String username, String password);

    /** @param host the host name or address, without brackets */
    void host(String host);

    /** @param port the port, 1 to 65535 */
    void port(int port);

    /** @param database the database from the path or the {@code database} option */
    void database(int database);

    /** @param timeout the read timeout, positive */
    void timeout(Duration timeout);

    /** @param timeout the connect timeout, positive */
    void connectTimeout(Duration timeout);

    /** @param name the client name */
    void clientName(String name);

    /** @param protocol the protocol */
    void protocol(RespVersion protocol);

    /** @param retry whether reads are retried */
    void retryReads(boolean retry);

    /** @param multiplexed whether the client multiplexes */
    void multiplexed(boolean multiplexed);

    /** @param mode how the client runs ordinary commands */
    void connectionMode(io.respkit.connection.ConnectionMode mode);

    /** @param interval the subscriber health-check interval, zero for off */
    void healthCheckInterval(Duration interval);

    /**
     * Only called for {@code rediss://}: the option must never switch TLS on.
     *
     * @param verify whether the host name is verified
     */
    void verifyHostname(boolean verify);

    /**
     * The pool options, given together once all are read, so that their order in the query does not matter.
     *
     * @param maxTotal the {@code maxTotal} option, or {@code null}
     * @param maxIdle the {@code maxIdle} option, or {@code null}
     * @param minIdle the {@code minIdle} option, or {@code null}
     * @param maxWait the {@code maxWait} option, or {@code null}
     */
    void pool(Integer maxTotal, Integer maxIdle, Integer minIdle, Duration maxWait);
}
