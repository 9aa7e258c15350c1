package io.respkit.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process started from PATH on a free loopback port, with no persistence and
 * {@code DEBUG} enabled for local clients. It can be stopped, killed and restarted on the same port.
 *
 * <p>Thread-safe.
 */
public final class RedisProcess implements RedisServer, AutoCloseable {

    private static final Set<RedisProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisProcess::close)));
    }

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private final Path config;
    private volatile Process process;
    private volatile boolean frozen;
    private volatile long killedAtNanos;

    private RedisProcess(int port, Path dir, List<String> extraArgs, Path config) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
        this.config = config;
    }

    /**
     * Returns whether {@code redis-server} is on the PATH.
     *
     * @return {@code true} when found
     */
    public static boolean available() {
        return executable() != null;
    }

    private static Path executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Starts a server on a free port.
     *
     * @param extraArgs extra {@code redis-server} arguments, e.g. {@code "--requirepass", "secret"}
     * @return the running server
     * @throws IllegalStateException when it does not come up
     */
    public static RedisProcess start(String... extraArgs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Path dir = Files.createTempDirectory("respkit-redis-");
                int port = List.of(extraArgs).contains("--cluster-enabled") ? freeClusterPort() : freePort();
                RedisProcess p = new RedisProcess(port, dir, List.of(extraArgs), null);
                p.launch();
                return p;
            } catch (IOException e) {
                last = new IllegalStateException("Could not start redis-server: " + e.getMessage(), e);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Starts a Redis Sentinel ({@code redis-server <dir>/sentinel.conf --sentinel}) on a free port. The config file
     * is written into the process's own directory, starting with {@code port} and {@code bind 127.0.0.1}, followed
     * by {@code body}; Sentinel rewrites it as it learns, and {@link #restart()} starts from the rewritten file.
     *
     * @param body the {@code sentinel ...} lines, newline-separated
     * @return the running sentinel
     * @throws IllegalStateException when it does not come up
     */
    static RedisProcess startSentinel(String body) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Path dir = Files.createTempDirectory("respkit-sentinel-");
                int port = freePort();
                Path config = dir.resolve("sentinel.conf");
                Files.writeString(config, "port " + port + "\nbind 127.0.0.1\n" + body + "\n");
                RedisProcess p = new RedisProcess(port, dir, List.of(), config);
                p.launch();
                return p;
            } catch (IOException e) {
                last = new IllegalStateException("Could not start a sentinel: " + e.getMessage(), e);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /**
     * A cluster node also listens on its port + 10000 (the cluster bus), so the port must be at most 55535 and both
     * must be free; the kernel's ephemeral range (from 32768 up) often hands out ports above that.
     */
    private static int freeClusterPort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int candidate = random.nextInt(20_000, 30_000);
            if (bindable(candidate) && bindable(candidate + 10_000)) {
                return candidate;
            }
        }
        throw new IOException("no free port pair (port, port + 10000) for a cluster node");
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void launch() {
        Path exe = executable();
        if (exe == null) {
            throw new IllegalStateException("redis-server is not on the PATH");
        }
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        if (config != null) {
            // Sentinel mode wants its (writable) config file as the first argument.
            cmd.addAll(List.of(config.toString(), "--sentinel"));
        }
        cmd.addAll(List.of("--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()));
        if (!versionBelow7()) {
            cmd.addAll(List.of("--enable-debug-command", "local"));
        }
        cmd.addAll(extraArgs);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start redis-server: " + e.getMessage(), e);
        }
        RUNNING.add(this);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(10); // polling a child process start-up; not a test wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("redis-server did not answer on port " + port + ": " + log());
    }

    private static boolean versionBelow7() {
        return false;
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            String reply = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
            // A server started with --requirepass is up when it answers NOAUTH.
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("redis.log");
            Path out = dir.resolve("stdout.log");
            String text = (Files.exists(log) ? Files.readString(log) : "") + (Files.exists(out) ? Files.readString(out) : "");
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** @return the process id, or -1 when stopped */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** @return {@code true} while the process runs */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Stops the server gracefully (SIGTERM) and waits for it; a frozen server is thawed first. */
    public synchronized void stop() {
        Process p = process;
        if (p != null) {
            if (frozen) {
                thaw();
            }
            p.destroy();
            waitFor(p);
            process = null;
        }
    }

    /** Kills the server with SIGKILL, as {@code kill -9} does, and waits for it. */
    public synchronized void kill() {
        Process p = process;
        if (p != null) {
            killedAtNanos = System.nanoTime();
            p.destroyForcibly();
            waitFor(p);
            process = null;
            frozen = false;
        }
    }

    /**
     * Freezes the server with SIGSTOP: its sockets stay open but nothing answers, like a peer that vanished without
     * FIN or RST. {@link #thaw()} resumes it; {@link #kill()} and {@link #close()} also end a frozen server.
     *
     * @throws IllegalStateException when the server is not running or the signal cannot be sent
     */
    public synchronized void freeze() {
        if (!isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        signal("STOP");
        frozen = true;
    }

    /**
     * Resumes a server frozen by {@link #freeze()} with SIGCONT; does nothing when it is not frozen.
     *
     * @throws IllegalStateException when the signal cannot be sent
     */
    public synchronized void thaw() {
        if (frozen && isRunning()) {
            signal("CONT");
        }
        frozen = false;
    }

    /** @return {@code true} between {@link #freeze()} and {@link #thaw()} (or a kill) */
    public boolean isFrozen() {
        return frozen;
    }

    /** @return {@link System#nanoTime()} of the last {@link #kill()}, or 0 when never killed */
    public long killedAtNanos() {
        return killedAtNanos;
    }

    /** @return the server's own directory (logs, {@code nodes.conf}), kept across restarts until {@link #close()} */
    public Path dir() {
        return dir;
    }

    /** Starts the server again on the same port after {@link #stop()} or {@link #kill()}. */
    public synchronized void restart() {
        if (isRunning()) {
            stop();
        }
        launch();
    }

    /**
     * Sends a POSIX signal to the process, e.g. {@code "STOP"} or {@code "CONT"}.
     *
     * @param signal the signal name without {@code SIG}
     */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(Process p) {
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String kind() {
        return "redis-server process (pid " + pid() + ")";
    }

    @Override
    public RedisProcess process() {
        return this;
    }

    /** Kills the process and removes its directory. */
    @Override
    public void close() {
        kill();
        RUNNING.remove(this);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    /**
     * Waits up to {@code timeout} until the server answers PING again.
     *
     * @param timeout how long to wait
     * @return {@code true} when it answers
     */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answersPing()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
