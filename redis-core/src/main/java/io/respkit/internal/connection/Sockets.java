package io.respkit.internal.connection;

import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.connection.SslOptions;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Opens the socket for a {@link RedisConnection}: TCP connect, then for TLS the handshake with hostname (or IP)
 * verification and SNI, and turns every failure into a {@link RedisConnectionException} that says what went wrong.
 * A socket is closed on every failure path, so a failed attempt leaks no file descriptor.
 *
 * <p>Stateless and thread-safe.
 */
final class Sockets {

    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);

    /** Idle time before the first keepalive probe: the kernel's default is two hours. */
    static final int KEEPALIVE_IDLE_SECONDS = 30;
    /** Time between unanswered keepalive probes. */
    static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    /** Unanswered probes after which the kernel resets the connection: a dead peer is found in about a minute. */
    static final int KEEPALIVE_COUNT = 3;

    private Sockets() {
    }

    /**
     * Adds what an operator needs to know to an I/O failure during the handshake: a TLS-only port closes a plain
     * connection as soon as it sees the plain-text {@code HELLO}, and a server requiring a client certificate
     * (TLS 1.3) only says so when the first reply is read.
     */
    static RedisConnectionException handshakeFailure(RedisConfig config, RedisConnectionException e) {
        if (e instanceof RedisTimeoutException || e.getCause() == null) {
            return e;
        }
        Throwable cause = e.getCause();
        boolean closed = cause instanceof java.io.EOFException || cause instanceof SocketException;
        if (config.ssl() != null && TlsFailures.isTls(cause)) {
            return new RedisConnectionException("TLS handshake with " + config.address() + " failed: "
                    + TlsFailures.describe(cause, config), cause);
        }
        if (config.ssl() != null && closed) {
            // With TLS 1.3 the server checks the client certificate after the client considers the handshake
            // done, so a refused (or missing) certificate shows up as a closed connection on the first command.
            return new RedisConnectionException("TLS connection to " + config.address() + " was closed by the "
                    + "server during the connection handshake (" + cause.getMessage() + "); if the server requires "
                    + "a client certificate (tls-auth-clients), configure a key store with a client certificate "
                    + "its CA trusts", cause);
        }
        if (config.ssl() == null && closed) {
            return new RedisConnectionException("Connection to " + config.address() + " was closed by the server "
                    + "during the connection handshake; if the port only accepts TLS, connect with rediss:// or "
                    + "RedisConfig.Builder.ssl(...) (no TLS handshake was attempted)", cause);
        }
        return e;
    }

    static Opened connect(RedisConfig config) {
        Socket socket = new Socket();
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            keepAliveTimings(socket);
            socket.connect(new InetSocketAddress(config.host(), config.port()), connectMillis);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new RedisTimeoutException("Timed out connecting to " + config.address() + " after "
                    + connectMillis + " ms", e);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new RedisConnectionException("Unknown host: " + config.host(), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RedisConnectionException("Unable to connect to " + config.address() + ": " + e.getMessage(), e);
        }
        if (config.ssl() == null) {
            return new Opened(socket, socket);
        }
        try {
            return new Opened(startTls(config, socket, connectMillis), socket);
        } catch (SocketTimeoutException e) {
            // A plain-text Redis port waits for a newline that a TLS ClientHello never sends.
            closeQuietly(socket);
            throw new RedisTimeoutException("TLS handshake with " + config.address() + " timed out after "
                    + connectMillis + " ms; is this a plain (non-TLS) port?", e);
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new RedisConnectionException("TLS handshake with " + config.address() + " failed: "
                    + TlsFailures.describe(e, config), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RedisConnectionException("TLS handshake with " + config.address() + " failed: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            // e.g. an IllegalArgumentException from SNIHostName for a host name SNI cannot carry
            closeQuietly(socket);
            throw new RedisConnectionException("TLS handshake with " + config.address() + " failed: "
                    + e.getMessage(), e);
        }
    }


    private static Socket startTls(RedisConfig config, Socket plain, int connectMillis) throws IOException {
        SslOptions ssl = config.ssl();
        SSLContext context;
        try {
            context = ssl.sslContext() != null ? ssl.sslContext() : SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("No default TLS context available", e);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, config.host(), config.port(), true);
        SSLParameters params = tls.getSSLParameters();
        if (ssl.verifyHostname()) {
            // JSSE checks the certificate chain but not the host name unless asked to; "HTTPS" checks DNS names
            // and IP addresses against the subject alternative names (RFC 2818).
            params.setEndpointIdentificationAlgorithm("HTTPS");
        } else if (OnceLog.first("tls-no-verify|" + config.address())) {
            log.warn("TLS hostname verification is DISABLED for {}: any certificate from a trusted CA is accepted "
                    + "for this host, so the connection is open to man-in-the-middle attacks", config.address());
        }
        if (!TlsFailures.isIp(config.host())) {
            // SNI lets a TLS proxy or a multi-tenant endpoint pick the right certificate; RFC 6066 forbids it
            // for IP literals.
            params.setServerNames(List.of(new SNIHostName(config.host())));
        }
        tls.setSSLParameters(params);
        int previous = tls.getSoTimeout();
        tls.setSoTimeout(connectMillis);
        tls.startHandshake();
        tls.setSoTimeout(previous);
        return tls;
    }

    /**
     * Shortens the kernel's keepalive timings (two hours before the first probe by default) where the JDK can set
     * them (Linux, macOS, recent Windows), so that a connection idle across a silent outage (a pooled one, or a
     * blocking command) is reset in about a minute. A TLS socket wraps this one and shares its options. Best effort:
     * elsewhere the kernel defaults stay.
     */
    private static void keepAliveTimings(Socket socket) {
        try {
            java.util.Set<java.net.SocketOption<?>> supported = socket.supportedOptions();
            if (supported.contains(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE)) {
                socket.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
            }
            if (supported.contains(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL)) {
                socket.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
            }
            if (supported.contains(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT)) {
                socket.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_COUNT);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: a runtime image without the jdk.net module
            if (OnceLog.first("keepalive-timings")) {
                log.debug("Cannot set TCP keepalive timings ({}); the kernel defaults apply", e.toString());
            }
        }
    }

    /**
     * An open socket and the plain TCP socket it runs on: the same socket without TLS, the one a TLS socket is
     * layered on with it (which {@link IdleProbe} reads, since reading the TLS socket would need a whole record).
     *
     * @param socket the socket to talk to the server through
     * @param tcp the plain TCP socket
     */
    record Opened(Socket socket, Socket tcp) {
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already failing
        }
    }
}
