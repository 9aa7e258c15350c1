package io.respkit.connection;

import javax.net.ssl.SSLContext;

/**
 * TLS settings for {@code rediss://} connections. Hostname (or IP) verification is on by default; it can only be
 * turned off explicitly, and respkit logs a warning when it is.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sslContext the context providing trust and key material; {@code null} for the JVM default
 * @param verifyHostname whether the server certificate must match the host connected to
 */
public record SslOptions(SSLContext sslContext, boolean verifyHostname) {

    /** TLS with the JVM's default trust store and hostname verification. */
    public static final SslOptions DEFAULT = new SslOptions(null, true);

    /**
     * Returns TLS options using {@code context} with hostname verification on.
     *
     * @param context the SSL context
     * @return the options
     */
    public static SslOptions of(SSLContext context) {
        return new SslOptions(context, true);
    }

    /**
     * Returns a copy with hostname verification set as given.
     *
     * @param verify whether to verify the host name
     * @return the options
     */
    public SslOptions withVerifyHostname(boolean verify) {
        return new SslOptions(sslContext, verify);
    }
}
