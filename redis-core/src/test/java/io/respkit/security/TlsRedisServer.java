package io.respkit.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} that accepts TLS only ({@code --port 0 --tls-port <free>}), bound to 127.0.0.1.
 * {@link io.respkit.test.RedisProcess} cannot start one: its readiness check sends a plain-text {@code PING} to the
 * plain port, which {@code --port 0} disables. This launcher waits for the server's "Ready to accept connections"
 * log line and a TCP connect to the TLS port instead.
 *
 * <p>Thread-safe.
 */
public final class TlsRedisServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private TlsRedisServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts a TLS-only server.
     *
     * @param cert the server certificate and key
     * @param ca the CA certificate client certificates must chain to
     * @param authClients {@code yes}, {@code no} or {@code optional} ({@code tls-auth-clients})
     * @param extraArgs further {@code redis-server} arguments
     * @return the running server
     */
    public static TlsRedisServer start(TestCertificates.Pem cert, Path ca, String authClients, String... extraArgs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return launch(cert, ca, authClients, extraArgs);
            } catch (IllegalStateException e) {
                last = e; // most likely another process took the free port first
            }
        }
        throw last;
    }

    private static TlsRedisServer launch(TestCertificates.Pem cert, Path ca, String authClients, String... extra) {
        Path dir;
        int port;
        try {
            dir = Files.createTempDirectory("respkit-tls-redis-");
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare redis-server", e);
        }
        Path log = dir.resolve("redis.log");
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", "0", "--bind", "127.0.0.1",
                "--tls-port", Integer.toString(port), "--tls-cert-file", cert.cert().toString(),
                "--tls-key-file", cert.key().toString(), "--tls-ca-cert-file", ca.toString(),
                "--tls-auth-clients", authClients, "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", dir.toString(), "--logfile", log.toString()));
        cmd.addAll(List.of(extra));
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start redis-server: " + e.getMessage(), e);
        }
        TlsRedisServer server = new TlsRedisServer(process, dir, port);
        try {
            await("TLS redis-server on port " + port).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("redis-server exited: " + server.log());
                        }
                        return server.log().contains("Ready to accept connections") && server.accepts();
                    });
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("TLS redis-server did not come up: " + server.log(), e);
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the server's log so far */
    public String log() {
        try {
            Path log = dir.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** @return the TLS port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** Kills the server and removes its directory. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
