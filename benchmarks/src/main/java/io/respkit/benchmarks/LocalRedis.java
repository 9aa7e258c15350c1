package io.respkit.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} from the PATH on a free loopback port, with persistence off, stopped by its
 * process (never by a command that could reach another server).
 *
 * <p>Not thread-safe.
 */
public final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts a server and waits until it accepts connections.
     *
     * @return the running server
     * @throws IllegalStateException when {@code redis-server} is missing or does not come up within 10 s
     */
    public static LocalRedis start() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path dir = Files.createTempDirectory("respkit-bench-redis");
            Process p = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            LocalRedis redis = new LocalRedis(p, port, dir);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + p.exitValue() + "; see " + dir);
                }
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return redis;
                } catch (IOException notYet) {
                    Thread.onSpinWait();
                }
            }
            redis.close();
            throw new IllegalStateException("redis-server did not accept connections on port " + port + " in 10 s");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start redis-server from the PATH: " + e.getMessage(), e);
        }
    }

    /** @return the port it listens on, at 127.0.0.1 */
    public int port() {
        return port;
    }

    /** Stops the server by its process id and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
