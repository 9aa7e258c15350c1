package io.respkit.test;

import io.respkit.connection.RedisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process TCP proxy on a free {@code 127.0.0.1} port that sits between a client and a Redis server and injects
 * network faults on command: a black hole (nothing forwarded, sockets kept open, no RST), a reset of every
 * connection (RST), a delay per forwarded chunk, and a reply cut after a number of bytes. Point a client at
 * {@link #port()} (or use {@link #configBuilder()}).
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(server);
 *      RedisClient<String> redis = RedisClient.create(proxy.configBuilder().timeout(Duration.ofMillis(300)).build())) {
 *     proxy.blackhole();
 *     assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisTimeoutException.class);
 *     proxy.heal();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every thread it starts is a daemon named {@code fault-proxy-*}, and all of them have ended when
 * {@link #close()} returns.
 */
public final class FaultProxy implements AutoCloseable {

    /** The prefix of the name of every thread a proxy starts. */
    public static final String THREAD_PREFIX = "fault-proxy-";

    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
    private static final int BUFFER = 16 * 1024;
    private static final AtomicInteger LINK_IDS = new AtomicInteger();

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Guards {@link #blackholed}, {@link #closed} and the cut state; pumps wait on it while black-holed. */
    private final Object lock = new Object();
    private boolean blackholed;
    private boolean closed;
    private int cutRemaining = -1;
    private Link cutLink;
    private volatile long delayNanos;

    private FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        start(this::acceptLoop, THREAD_PREFIX + listener.getLocalPort() + "-accept");
    }

    /**
     * Starts a proxy to {@code host:port}.
     *
     * @param host the server's host, normally {@code 127.0.0.1}
     * @param port the server's port
     * @return the running proxy
     * @throws IllegalStateException when no local port could be bound
     */
    public static FaultProxy start(String host, int port) {
        try {
            return new FaultProxy(host, port);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a fault proxy: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a proxy to a test server.
     *
     * @param server the server
     * @return the running proxy
     */
    public static FaultProxy to(RedisServer server) {
        return start(server.host(), server.port());
    }

    /** @return the local port clients connect to */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return the host clients connect to, {@code 127.0.0.1} */
    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /**
     * Returns a client configuration builder pointing at the proxy.
     *
     * @return the builder
     */
    public RedisConfig.Builder configBuilder() {
        return RedisConfig.builder().host(host()).port(port());
    }

    /** @return the number of client connections currently proxied */
    public int connectionCount() {
        return links.size();
    }

    /**
     * Stops forwarding in both directions on every connection, current and future, until {@link #heal()}. Sockets
     * stay open and nothing is reset: to both ends the peer looks hung. Data read meanwhile is held, not dropped, and
     * delivered on {@link #heal()}, as TCP would once a partition ends.
     */
    public void blackhole() {
        synchronized (lock) {
            blackholed = true;
        }
    }

    /**
     * Stops forwarding in both directions on the connections open now, until {@link #heal()}; connections opened
     * later are forwarded as usual. Data read meanwhile is held and delivered on {@link #heal()}, as for
     * {@link #blackhole()}.
     */
    public void blackholeCurrent() {
        synchronized (lock) {
            for (Link link : links) {
                link.blackholed = true;
            }
        }
    }

    /**
     * Ends a black hole and any delay, and disarms a pending {@link #cutNextReplyAfter(int)}.
     */
    public void heal() {
        delayNanos = 0;
        synchronized (lock) {
            blackholed = false;
            for (Link link : links) {
                link.blackholed = false;
            }
            cutRemaining = -1;
            cutLink = null;
            lock.notifyAll();
        }
    }

    /**
     * Delays every forwarded chunk, in both directions, by {@code delay}.
     *
     * @param delay the delay per chunk; zero for none
     */
    public void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /**
     * Closes every current connection, on both sides, with a TCP reset ({@code SO_LINGER} 0). New connections are
     * still accepted.
     */
    public void resetAll() {
        for (Link link : List.copyOf(links)) {
            link.close(true);
        }
    }

    /**
     * Cuts every current connection off from the server without the client noticing, as when a server host or a NAT
     * on the way vanishes: the server's side is closed (the server drops the client, its subscriptions included),
     * while the client's socket stays open and silent, with no FIN and no RST; what the client sends is swallowed.
     * New connections are forwarded normally, to fresh server connections.
     */
    public void abandonAll() {
        for (Link link : List.copyOf(links)) {
            link.abandon();
        }
    }

    /**
     * Arms a one-shot cut: the next server-to-client data, on whichever connection it comes first, is forwarded up to
     * {@code bytes} bytes in total, then that connection is closed on both sides (a FIN to the client, mid-reply).
     *
     * @param bytes how many bytes to let through, 0 or more
     */
    public void cutNextReplyAfter(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        synchronized (lock) {
            cutRemaining = bytes;
            cutLink = null;
        }
    }

    /**
     * Closes the listener and every connection and waits for the proxy's threads to end.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        closeQuietly(listener);
        for (Link link : List.copyOf(links)) {
            link.close(false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : List.copyOf(threads)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                t.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                log.warn("Fault proxy thread {} did not end", t.getName());
            }
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + " -> " + targetHost + ":" + targetPort + ", connections="
                + links.size() + "]";
    }

    // ------------------------------------------------------------------------------------------ internals

    private void start(Runnable body, String name) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void acceptLoop() {
        while (!isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!isClosed()) {
                    log.debug("Fault proxy accept failed: {}", e.getMessage());
                }
                return;
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2000);
            } catch (IOException e) {
                log.debug("Fault proxy could not reach {}:{}: {}", targetHost, targetPort, e.getMessage());
                reset(client);
                closeQuietly(upstream);
                continue;
            }
            Link link = new Link(LINK_IDS.incrementAndGet(), client, upstream);
            links.add(link);
            if (isClosed()) {
                link.close(false);
                return;
            }
            String base = THREAD_PREFIX + port() + "-" + link.id;
            start(() -> link.pump(client, upstream, false), base + "-c2s");
            start(() -> link.pump(upstream, client, true), base + "-s2c");
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Waits while black-holed; returns {@code false} when the proxy or the link closed meanwhile. */
    private boolean awaitForwarding(Link link) {
        synchronized (lock) {
            while ((blackholed || link.blackholed) && !closed && !link.closed) {
                try {
                    lock.wait(50); // bounded: a link closed by resetAll() does not notify
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed && !link.closed;
        }
    }

    /**
     * Applies an armed cut to {@code n} bytes read from the server on {@code link}.
     *
     * @return how many bytes to forward, as {@code -(count + 1)} when the link must be closed after forwarding them
     */
    private int cut(Link link, int n) {
        synchronized (lock) {
            if (cutRemaining < 0 || (cutLink != null && cutLink != link)) {
                return n;
            }
            cutLink = link;
            int forward = Math.min(n, cutRemaining);
            cutRemaining -= forward;
            if (cutRemaining == 0) {
                cutRemaining = -1;
                cutLink = null;
                return -(forward + 1);
            }
            return forward;
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a socket that is already failing
        }
    }

    /** One proxied client connection and its upstream connection. */
    private final class Link {
        private final int id;
        private final Socket client;
        private final Socket upstream;
        private volatile boolean closed;
        /** Set by {@link #abandonAll()}: the server side is gone, the client side is kept open and silent. */
        private volatile boolean abandoned;
        /** Set by {@link #blackholeCurrent()}; guarded by the proxy's lock. */
        private boolean blackholed;

        Link(int id, Socket client, Socket upstream) {
            this.id = id;
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, boolean serverToClient) {
            byte[] buf = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (;;) {
                    int n = in.read(buf);
                    if (n < 0 || !awaitForwarding(this)) {
                        break;
                    }
                    if (abandoned) {
                        continue; // swallowed: nothing reaches the server, nothing is answered
                    }
                    long delay = delayNanos;
                    if (delay > 0) {
                        TimeUnit.NANOSECONDS.sleep(delay); // the injected fault itself, not a test wait
                    }
                    int forward = serverToClient ? cut(this, n) : n;
                    boolean cutHere = forward < 0;
                    int count = cutHere ? -forward - 1 : forward;
                    if (count > 0) {
                        out.write(buf, 0, count);
                        out.flush();
                    }
                    if (cutHere) {
                        break;
                    }
                }
            } catch (IOException e) {
                log.trace("Fault proxy link {} ended: {}", id, e.getMessage());
                if (abandoned && from == client) {
                    swallow(); // the write to the closed server side failed: keep the client's side silent
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // An abandoned link's client side stays open until the client closes it (or the proxy closes).
                if (!abandoned || from == client) {
                    close(false);
                }
            }
        }

        /** Reads and drops what the client of an abandoned link sends, until it closes its side. */
        private void swallow() {
            byte[] buf = new byte[BUFFER];
            try {
                InputStream in = client.getInputStream();
                while (in.read(buf) >= 0) {
                    // dropped
                }
            } catch (IOException e) {
                log.trace("Fault proxy link {} (abandoned) ended: {}", id, e.getMessage());
            }
        }

        void abandon() {
            abandoned = true;
            closeQuietly(upstream);
        }

        void close(boolean withReset) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            links.remove(this);
            if (withReset) {
                reset(client);
                reset(upstream);
            } else {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }
}
