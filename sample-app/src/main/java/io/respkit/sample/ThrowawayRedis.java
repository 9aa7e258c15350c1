package io.respkit.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the demo has a Redis to talk to: when nothing answers on the configured address, starts a throwaway
 * {@code redis-server} from the PATH on a free loopback port (or a Testcontainers {@code redis:7} container where
 * Docker runs), and stops it again on {@link #close()}.
 *
 * <p>Not thread-safe; created and closed by {@code main}.
 */
final class ThrowawayRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ThrowawayRedis.class);

    private final Process process;
    private final AutoCloseable container;
    private final String url;
    private boolean closed;

    private ThrowawayRedis(Process process, AutoCloseable container, String url) {
        this.process = process;
        this.container = container;
        this.url = url;
        if (process != null || container != null) {
            // Ctrl-C runs shutdown hooks, not main's finally blocks: stop the throwaway server either way.
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "throwaway-redis-stop"));
        }
    }

    /**
     * Returns a handle: empty when {@code host:port} already answers PING, else a started throwaway server.
     *
     * @param host the host the app is configured for
     * @param port the port the app is configured for
     * @return the handle; {@link #url()} is non-null when a server was started
     * @throws IllegalStateException when nothing answers and no server can be started
     */
    static ThrowawayRedis ensure(String host, int port) {
        if (answersPing(host, port)) {
            log.info("Using the Redis server at {}:{}", host, port);
            return new ThrowawayRedis(null, null, null);
        }
        Path exe = onPath("redis-server");
        if (exe != null) {
            return startProcess(exe, host, port);
        }
        ThrowawayRedis viaDocker = startContainer();
        if (viaDocker != null) {
            return viaDocker;
        }
        throw new IllegalStateException("Nothing answers on " + host + ":" + port + ", redis-server is not on the "
                + "PATH and Docker is not available. Install redis-server (apt-get install redis-server) or set "
                + "redis.url.");
    }

    private static ThrowawayRedis startProcess(Path exe, String host, int port) {
        try {
            int free = freePort();
            Path dir = Files.createTempDirectory("respkit-sample-redis-");
            Process p = new ProcessBuilder(exe.toString(), "--port", Integer.toString(free), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!answersPing("127.0.0.1", free)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("The throwaway redis-server did not start; see " + dir);
                }
                Thread.onSpinWait();
            }
            log.warn("Nothing answers on {}:{}; started a throwaway redis-server (pid {}) on 127.0.0.1:{}. It is "
                    + "stopped when the demo ends.", host, port, p.pid(), free);
            return new ThrowawayRedis(p, null, "redis://127.0.0.1:" + free);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a throwaway redis-server: " + e.getMessage(), e);
        }
    }

    private static ThrowawayRedis startContainer() {
        try {
            if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            var c = new org.testcontainers.containers.GenericContainer<>("redis:7").withExposedPorts(6379);
            c.start();
            String url = "redis://" + c.getHost() + ":" + c.getMappedPort(6379);
            log.warn("Started a throwaway Redis container at {}; it is stopped when the demo ends.", url);
            return new ThrowawayRedis(null, c, url);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** @return the URL of the throwaway server, or {@code null} when the configured server answered */
    String url() {
        return url;
    }

    /** Stops the throwaway server, if one was started. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            log.info("Stopped the throwaway redis-server");
        }
        if (container != null) {
            try {
                container.close();
            } catch (Exception e) {
                log.warn("Could not stop the throwaway Redis container: {}", e.getMessage());
            }
        }
    }

    static boolean answersPing(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            // A password-protected server answers -NOAUTH: it is there, and the app's credentials will tell.
            return n > 0 && (buf[0] == '+' || buf[0] == '-');
        } catch (IOException e) {
            return false;
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
