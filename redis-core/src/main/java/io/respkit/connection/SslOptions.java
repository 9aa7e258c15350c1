package io.respkit.connection;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;

/**
 * TLS settings for {@code rediss://} connections. Hostname (or IP) verification is on by default; it can only be
 * turned off explicitly, and respkit logs a warning when it is. The server name is sent with SNI whenever the
 * configured host is a name rather than an IP address.
 *
 * <p>Immutable and thread-safe. {@link #builder()} makes options from PKCS12 trust and key stores.
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
     * Starts a builder for options made from key stores: a trust store with the CA certificates the server's
     * certificate must chain to, and optionally a key store with the client certificate for mutual TLS.
     *
     * @return a new builder, with hostname verification on
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a copy with hostname verification set as given.
     *
     * @param verify whether to verify the host name; {@code false} accepts any certificate signed by a trusted CA
     *               for any host, which exposes the connection to man-in-the-middle attacks
     * @return the options
     */
    public SslOptions withVerifyHostname(boolean verify) {
        return new SslOptions(sslContext, verify);
    }

    /**
     * Builds {@link SslOptions} from PKCS12 (or JKS) store files. The stores are read by {@link #build()}; the
     * builder keeps copies of the passwords (so the caller may wipe its arrays) and never shows them.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private Path trustStore;
        private char[] trustStorePassword;
        private Path keyStore;
        private char[] keyStorePassword;
        private char[] keyPassword;
        private boolean verifyHostname = true;
        private String protocol = "TLS";

        private Builder() {
        }

        /**
         * Trusts the CA certificates in a store instead of the JVM's default trust store.
         *
         * @param path the PKCS12 (or JKS) file
         * @param password the store password, or {@code null} when it has none
         * @return this builder
         */
        public Builder trustStore(Path path, char[] password) {
            this.trustStore = Objects.requireNonNull(path, "path");
            this.trustStorePassword = copy(password);
            return this;
        }

        /**
         * Presents the client certificate in a store when the server asks for one (mutual TLS, Redis's
         * {@code tls-auth-clients}). The key password is the store password, as usual for PKCS12.
         *
         * @param path the PKCS12 (or JKS) file holding the private key and its certificate chain
         * @param password the store password
         * @return this builder
         */
        public Builder keyStore(Path path, char[] password) {
            return keyStore(path, password, password);
        }

        /**
         * Presents the client certificate in a store whose key has its own password.
         *
         * @param path the PKCS12 (or JKS) file holding the private key and its certificate chain
         * @param storePassword the store password
         * @param keyPassword the private key's password
         * @return this builder
         */
        public Builder keyStore(Path path, char[] storePassword, char[] keyPassword) {
            this.keyStore = Objects.requireNonNull(path, "path");
            this.keyStorePassword = copy(storePassword);
            this.keyPassword = copy(keyPassword);
            return this;
        }

        /**
         * Sets whether the server certificate must match the host connected to (on by default). Turning it off
         * makes every connection log a warning.
         *
         * @param verify whether to verify the host name or IP address
         * @return this builder
         */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /**
         * Sets the {@link SSLContext} protocol, {@code TLS} by default (the JVM picks the highest version both
         * sides support).
         *
         * @param protocol e.g. {@code TLSv1.3}
         * @return this builder
         */
        public Builder protocol(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * Reads the stores and creates the options.
         *
         * @return the options
         * @throws IllegalArgumentException when a store cannot be read (missing file, wrong password, bad format);
         *         the message names the file and the reason, never the password
         */
        public SslOptions build() {
            try {
                TrustManager[] trust = null;
                if (trustStore != null) {
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
                            TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(load(trustStore, trustStorePassword, "trust store"));
                    trust = tmf.getTrustManagers();
                }
                KeyManager[] keys = null;
                if (keyStore != null) {
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    try {
                        kmf.init(load(keyStore, keyStorePassword, "key store"), keyPassword);
                    } catch (GeneralSecurityException e) {
                        throw invalid("key store", keyStore, e);
                    }
                    keys = kmf.getKeyManagers();
                }
                SSLContext context = SSLContext.getInstance(protocol);
                context.init(keys, trust, null);
                return new SslOptions(context, verifyHostname);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("Could not create a TLS context (" + protocol + "): "
                        + e.getMessage(), e);
            }
        }

        private static KeyStore load(Path path, char[] password, String what) {
            try (InputStream in = Files.newInputStream(path)) {
                // Since Java 9 the PKCS12 key store also reads JKS files.
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password);
                return store;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("Could not read the TLS " + what + " " + path
                        + ": no such file", e);
            } catch (IOException | GeneralSecurityException e) {
                throw invalid(what, path, e);
            }
        }

        private static IllegalArgumentException invalid(String what, Path path, Exception e) {
            // JSSE's messages ("keystore password was incorrect", ...) name the problem, never the password.
            return new IllegalArgumentException("Could not read the TLS " + what + " " + path + ": "
                    + e.getMessage(), e);
        }

        private static char[] copy(char[] password) {
            return password == null ? null : password.clone();
        }
    }
}
