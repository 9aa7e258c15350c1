package io.respkit.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-side fault injection for tests, each over its own raw socket (never through the client under test):
 * {@code DEBUG SLEEP}, {@code CLIENT KILL}, {@code CLIENT PAUSE} and {@code CONFIG SET}. The server must allow
 * {@code DEBUG} ({@link RedisProcess} starts it with {@code --enable-debug-command local}) and need no password.
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerFaults {

    /** The prefix of the name of the threads {@link #debugSleep} starts. */
    public static final String THREAD_PREFIX = "server-faults-debug-sleep-";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private ServerFaults() {
    }

    /**
     * Makes the whole server hang for {@code seconds} with {@code DEBUG SLEEP}, sent on a separate connection from
     * a daemon thread, so that this call returns at once.
     *
     * @param server the server
     * @param seconds how long the server sleeps; fractions allowed
     * @return completes with the server's reply ({@code OK}) when the sleep is over, or exceptionally
     */
    public static CompletableFuture<String> debugSleep(RedisServer server, double seconds) {
        CompletableFuture<String> done = new CompletableFuture<>();
        // Connect before returning, so that the sleep is already on its way when the caller sends its own command.
        Socket socket;
        try {
            socket = connect(server);
            send(socket, "DEBUG", "SLEEP", Double.toString(seconds));
        } catch (IOException e) {
            done.completeExceptionally(e);
            return done;
        }
        Thread t = new Thread(() -> {
            try (socket) {
                done.complete(readLine(socket.getInputStream()));
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, THREAD_PREFIX + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        awaitAsleep(server, seconds, done);
        return done;
    }

    /**
     * Returns once the server no longer answers a {@code PING} promptly, so that a command the caller sends next is
     * sure to wait for the sleep (the server could otherwise still serve it before reading the {@code DEBUG SLEEP}).
     * Best effort, bounded to 2 s; a probe's late {@code PONG} is simply dropped with its socket.
     */
    private static void awaitAsleep(RedisServer server, double seconds, CompletableFuture<String> done) {
        int patience = (int) Math.max(1, Math.min(100, seconds * 1000 / 4));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!done.isDone() && System.nanoTime() < deadline) {
            try (Socket probe = connect(server)) {
                probe.setSoTimeout(patience);
                send(probe, "PING");
                readLine(probe.getInputStream());
            } catch (java.net.SocketTimeoutException e) {
                return; // no prompt answer: the server is asleep
            } catch (IOException | RuntimeException e) {
                return;
            }
        }
    }

    /**
     * Runs {@code CLIENT KILL} with filters, e.g. {@code clientKill(server, "TYPE", "normal")}; the connection sending
     * it is spared ({@code SKIPME yes} is the default).
     *
     * @param server the server
     * @param filter filter words and values
     * @return how many clients were killed
     * @throws IllegalStateException when the server answered with an error
     */
    public static long clientKill(RedisServer server, String... filter) {
        String[] args = new String[filter.length + 2];
        args[0] = "CLIENT";
        args[1] = "KILL";
        System.arraycopy(filter, 0, args, 2, filter.length);
        return Long.parseLong(call(server, args));
    }

    /**
     * Pauses all clients for {@code millis} with {@code CLIENT PAUSE}: the server keeps connections open but answers
     * no command until the pause ends.
     *
     * @param server the server
     * @param millis how long
     */
    public static void clientPause(RedisServer server, long millis) {
        call(server, "CLIENT", "PAUSE", Long.toString(millis));
    }

    /**
     * Sets a server parameter with {@code CONFIG SET}.
     *
     * @param server the server
     * @param key the parameter
     * @param value the value
     */
    public static void configSet(RedisServer server, String key, String value) {
        call(server, "CONFIG", "SET", key, value);
    }

    /**
     * Sends one command on a new connection and returns its simple-string or integer reply as text.
     *
     * @param server the server
     * @param args the command words and arguments
     * @return the reply, e.g. {@code "OK"} or {@code "3"}
     * @throws IllegalStateException when the server answered with an error or could not be reached
     */
    public static String call(RedisServer server, String... args) {
        try (Socket socket = connect(server)) {
            send(socket, args);
            return readLine(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(args[0] + " failed: " + e.getMessage(), e);
        }
    }

    private static Socket connect(RedisServer server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void send(Socket socket, String... args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(bytes);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        OutputStream out = socket.getOutputStream();
        out.write(buf.toByteArray());
        out.flush();
    }

    /** Reads a one-line reply: {@code +OK}, {@code :3}; an error reply becomes an exception. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("server closed the connection");
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        String line = sb.toString();
        if (line.startsWith("-")) {
            throw new IllegalStateException("server error: " + line.substring(1));
        }
        return line.substring(1);
    }
}
