package io.respkit.test;

import io.respkit.exceptions.RedisProtocolException;
import io.respkit.protocol.AttributedReply;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespLimits;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespReader;
import io.respkit.protocol.RespSet;
import io.respkit.protocol.VerbatimString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An in-process TCP server on a free {@code 127.0.0.1} port that speaks RESP to a client under test and answers
 * chosen commands with scripted, possibly malformed, bytes: huge claimed lengths, deep nesting, bad digits, replies
 * cut short, data dribbled in chunks with pauses, or a close in the middle of a frame.
 *
 * <p>Every command without a script is answered normally: forwarded to a real Redis server when the hostile server
 * was started with {@link #proxyTo(String, int)} (one upstream connection per client connection, so the handshake
 * and session state are the real server's), or, without an upstream, answered by a minimal built-in responder that
 * knows only the handshake ({@code HELLO}, {@code AUTH}, {@code CLIENT SETNAME}, {@code SELECT}) and {@code PING}.
 *
 * <p>Thread-safe: scripts may be queued from any thread while connections are served. Its threads are daemon
 * threads named {@code hostile-server-*} and end on {@link #close()}, which also closes every client and upstream
 * socket.
 */
public final class HostileServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HostileServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final byte[] CRLF = {'\r', '\n'};

    private final ServerSocket listener;
    private final String upstreamHost;
    private final int upstreamPort;
    private final String name;
    private final Map<String, Queue<Script>> scripts = new ConcurrentHashMap<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger scriptsPlayed = new AtomicInteger();
    private volatile boolean closed;

    private HostileServer(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.name = "hostile-server-" + SERVERS.incrementAndGet();
        startThread(name + "-accept", this::acceptLoop);
    }

    /**
     * Starts a hostile server without an upstream: unscripted commands get the built-in handshake answers, or an
     * error reply for anything else.
     *
     * @return the running server
     * @throws IOException when no port could be bound
     */
    public static HostileServer start() throws IOException {
        return new HostileServer(null, 0);
    }

    /**
     * Starts a hostile server that forwards every unscripted command to a real Redis server.
     *
     * @param host the Redis server's host
     * @param port the Redis server's port
     * @return the running server
     * @throws IOException when no port could be bound
     */
    public static HostileServer proxyTo(String host, int port) throws IOException {
        return new HostileServer(host, port);
    }

    /** @return the loopback host the server listens on */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** @return the port the server listens on */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return the prefix of the names of this server's threads, e.g. {@code "hostile-server-3-"} */
    public String threadNamePrefix() {
        return name + "-";
    }

    /** @return how many client connections were accepted so far */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** @return how many scripts were played so far */
    public int scriptsPlayed() {
        return scriptsPlayed.get();
    }

    /**
     * Queues a script that answers the next command with the given name, on whichever connection sends it. Other
     * commands (handshake, {@code PING} on borrow) are still answered normally.
     *
     * @param command the command name, case-insensitive, e.g. {@code "GET"}
     * @param script what to send instead of the real reply
     */
    public void answerNext(String command, Script script) {
        scripts.computeIfAbsent(command.toUpperCase(Locale.ROOT), k -> new ConcurrentLinkedQueue<>()).add(script);
    }

    /** @return a new, empty script */
    public static Script script() {
        return new Script();
    }

    /**
     * Stops accepting, closes every socket and waits for the server's threads to end.
     */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(HostileServer::closeQuietly);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "HostileServer[" + host() + ":" + port() + (upstreamHost != null ? " -> " + upstreamHost + ":"
                + upstreamPort : "") + "]";
    }

    // ------------------------------------------------------------------------------------------ serving

    private void startThread(String threadName, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, threadName);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            int n = accepted.incrementAndGet();
            sockets.add(client);
            if (closed) {
                closeQuietly(client);
                return;
            }
            startThread(name + "-conn-" + n, () -> serve(client));
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            RespReader commands = new RespReader();
            RespReader upstreamReplies = null;
            if (upstreamHost != null) {
                upstream = new Socket();
                sockets.add(upstream);
                upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 2_000);
                upstream.setTcpNoDelay(true);
                // Attributes and verbatim strings are kept so that the re-encoded reply is the server's own.
                upstreamReplies = new RespReader(new RespLimits(512L * 1024 * 1024, 1L << 28, 128, 1024 * 1024,
                        true));
            }
            for (;;) {
                Object frame = next(commands, in);
                if (frame == null) {
                    return;
                }
                List<byte[]> args = arguments(frame);
                String command = args.isEmpty() ? "" : text(args.get(0)).toUpperCase(Locale.ROOT);
                Queue<Script> queue = scripts.get(command);
                Script script = queue == null ? null : queue.poll();
                if (script != null) {
                    scriptsPlayed.incrementAndGet();
                    if (!script.play(out)) {
                        return;
                    }
                } else if (upstream != null) {
                    OutputStream up = upstream.getOutputStream();
                    up.write(encode(args));
                    up.flush();
                    Object reply = next(upstreamReplies, upstream.getInputStream());
                    if (reply == null) {
                        return;
                    }
                    out.write(encode(reply));
                    out.flush();
                } else {
                    out.write(builtInAnswer(command, args));
                    out.flush();
                }
            }
        } catch (IOException | RedisProtocolException e) {
            // The client under test closes its side after a protocol error; that is the expected end.
            log.debug("{} connection ended: {}", name, e.toString());
        } finally {
            closeQuietly(client);
            sockets.remove(client);
            if (upstream != null) {
                closeQuietly(upstream);
                sockets.remove(upstream);
            }
        }
    }

    /** Reads one complete frame, or returns {@code null} at end of stream. */
    private static Object next(RespReader reader, InputStream in) throws IOException {
        for (;;) {
            Object frame = reader.read();
            if (frame != RespReader.INCOMPLETE) {
                return frame;
            }
            if (reader.readFrom(in) < 0) {
                return null;
            }
        }
    }

    private static List<byte[]> arguments(Object frame) {
        List<byte[]> args = new ArrayList<>();
        if (frame instanceof List<?> list) {
            for (Object o : list) {
                args.add(o instanceof byte[] b ? b : String.valueOf(o).getBytes(StandardCharsets.UTF_8));
            }
        }
        return args;
    }

    private static byte[] builtInAnswer(String command, List<byte[]> args) {
        String sub = args.size() > 1 ? text(args.get(1)).toUpperCase(Locale.ROOT) : "";
        switch (command) {
            case "HELLO":
                if ("3".equals(sub)) {
                    return encode(new RespMap(List.of("server", "redis", "version", "7.0.15", "proto", 3L,
                            "id", 1L, "mode", "standalone", "role", "master", "modules", List.of())));
                }
                return encode(new ErrorReply("NOPROTO unsupported protocol version"));
            case "PING":
                return encode(args.size() > 1 ? args.get(1) : "PONG");
            case "AUTH", "SELECT":
                return encode("OK");
            case "CLIENT":
                return encode("SETNAME".equals(sub) ? "OK" : new ErrorReply("ERR hostile server: no CLIENT " + sub));
            default:
                return encode(new ErrorReply("ERR hostile server has no script for '" + command + "'"));
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing during shutdown or after the peer went away
        }
    }

    // ------------------------------------------------------------------------------------------ encoding

    /**
     * Encodes a value as {@link RespReader} returns it back into canonical RESP3 bytes: {@code String} as a simple
     * string, {@code byte[]} as a bulk string, {@code null} as {@code _}, {@code Long} as an integer, and so on.
     * A {@code List<byte[]>} therefore encodes a command.
     *
     * @param value the value
     * @return its RESP3 bytes
     * @throws IllegalArgumentException for a type the reader never produces
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // An explicit stack, like the reader's, so that deeply nested values cannot overflow the Java stack.
        List<Object> stack = new ArrayList<>();
        stack.add(value);
        while (!stack.isEmpty()) {
            Object v = stack.remove(stack.size() - 1);
            List<Object> children = encodeOne(v, out);
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.add(children.get(i));
            }
        }
        return out.toByteArray();
    }

    private static List<Object> encodeOne(Object v, ByteArrayOutputStream out) {
        if (v == null) {
            line(out, '_', "");
        } else if (v instanceof String s) {
            line(out, '+', s);
        } else if (v instanceof ErrorReply e) {
            blob(out, '!', e.message().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Long n) {
            line(out, ':', Long.toString(n));
        } else if (v instanceof byte[] b) {
            blob(out, '$', b);
        } else if (v instanceof Double d) {
            line(out, ',', d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : Double.toString(d));
        } else if (v instanceof Boolean b) {
            line(out, '#', b ? "t" : "f");
        } else if (v instanceof BigInteger b) {
            line(out, '(', b.toString());
        } else if (v instanceof VerbatimString vs) {
            // The reader decodes the three format bytes as ISO-8859-1, one char per byte.
            byte[] format = vs.format().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[format.length + 1 + vs.content().length];
            System.arraycopy(format, 0, all, 0, format.length);
            all[format.length] = ':';
            System.arraycopy(vs.content(), 0, all, format.length + 1, vs.content().length);
            blob(out, '=', all);
        } else if (v instanceof RespMap m) {
            line(out, '%', Integer.toString(m.size()));
            return m.entries();
        } else if (v instanceof RespSet s) {
            line(out, '~', Integer.toString(s.elements().size()));
            return s.elements();
        } else if (v instanceof PushMessage p) {
            line(out, '>', Integer.toString(p.elements().size()));
            return p.elements();
        } else if (v instanceof AttributedReply a) {
            line(out, '|', Integer.toString(a.attributes().size()));
            List<Object> children = new ArrayList<>(a.attributes().entries());
            children.add(a.value());
            return children;
        } else if (v instanceof List<?> list) {
            line(out, '*', Integer.toString(list.size()));
            return new ArrayList<>(list);
        } else {
            throw new IllegalArgumentException("not a RESP value: " + v.getClass().getName());
        }
        return List.of();
    }

    private static void line(ByteArrayOutputStream out, char type, String text) {
        out.write(type);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CRLF);
    }

    private static void blob(ByteArrayOutputStream out, char type, byte[] data) {
        line(out, type, Integer.toString(data.length));
        out.writeBytes(data);
        out.writeBytes(CRLF);
    }

    // ------------------------------------------------------------------------------------------ scripts

    /**
     * What the server sends instead of a real reply: a sequence of byte runs, pauses and an optional close at the
     * end. Build it before handing it to {@link #answerNext}; it is played once.
     *
     * <p>Not thread-safe while being built; safe to hand to the server afterwards.
     */
    public static final class Script {

        private final List<Step> steps = new ArrayList<>();
        private volatile boolean close;

        private Script() {
        }

        /**
         * Sends bytes in one write.
         *
         * @param bytes the bytes
         * @return this script
         */
        public Script send(byte[] bytes) {
            steps.add(out -> {
                out.write(bytes);
                out.flush();
            });
            return this;
        }

        /**
         * Sends ISO-8859-1 text in one write.
         *
         * @param latin1 the text; each char is one byte
         * @return this script
         */
        public Script send(String latin1) {
            return send(latin1.getBytes(StandardCharsets.ISO_8859_1));
        }

        /**
         * Sends {@code unit} {@code times} times without materialising the whole run, so that megabytes can be
         * sent from a small heap.
         *
         * @param unit the repeated bytes
         * @param times how many times
         * @return this script
         */
        public Script sendRepeated(String unit, long times) {
            byte[] u = unit.getBytes(StandardCharsets.ISO_8859_1);
            int perWrite = Math.max(1, 8192 / u.length);
            byte[] block = new byte[perWrite * u.length];
            for (int i = 0; i < perWrite; i++) {
                System.arraycopy(u, 0, block, i * u.length, u.length);
            }
            steps.add(out -> {
                for (long left = times; left > 0; left -= perWrite) {
                    out.write(block, 0, (int) (Math.min(left, perWrite) * u.length));
                }
                out.flush();
            });
            return this;
        }

        /**
         * Sends bytes in chunks of {@code chunkSize}, pausing between chunks, so that the client sees the reply
         * arrive piecemeal.
         *
         * @param bytes the bytes
         * @param chunkSize bytes per write
         * @param pause the pause after each chunk but the last
         * @return this script
         */
        public Script sendInChunks(byte[] bytes, int chunkSize, Duration pause) {
            steps.add(out -> {
                for (int off = 0; off < bytes.length; off += chunkSize) {
                    out.write(bytes, off, Math.min(chunkSize, bytes.length - off));
                    out.flush();
                    if (off + chunkSize < bytes.length) {
                        // Simulated network latency on the server's thread, not a wait in a test.
                        LockSupport.parkNanos(pause.toNanos());
                    }
                }
            });
            return this;
        }

        /**
         * Closes the connection once the script has been sent, wherever this is called while building it.
         *
         * @return this script
         */
        public Script thenClose() {
            close = true;
            return this;
        }

        /** Plays the script; returns {@code false} when it ends by closing the connection. */
        boolean play(OutputStream out) throws IOException {
            for (Step step : steps) {
                step.run(out);
            }
            return !close;
        }

        @FunctionalInterface
        private interface Step {
            void run(OutputStream out) throws IOException;
        }
    }
}
