package io.respkit.test;

import io.respkit.connection.HostAndPort;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to {@code +switch-master} on sentinels over raw sockets and records every switch with the
 * {@link System#nanoTime()} it arrived, so a test can measure when a failover first became visible to a client
 * that listens to Sentinel. Obtain one from {@link RedisSentinels#watchSwitches()} before causing the fault: the
 * subscriptions are confirmed before that method returns.
 *
 * <p>Thread-safe: one daemon reader thread per sentinel appends to a concurrent list.
 */
public final class SwitchWatch implements AutoCloseable {

    /**
     * One {@code +switch-master} message.
     *
     * @param sentinel the sentinel that published it
     * @param masterName the monitored master's name
     * @param from the old primary
     * @param to the new primary
     * @param atNanos {@link System#nanoTime()} when it was read
     */
    public record SwitchEvent(HostAndPort sentinel, String masterName, HostAndPort from, HostAndPort to,
            long atNanos) {
    }

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<SwitchEvent> events = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    SwitchWatch(List<RedisProcess> sentinels) {
        try {
            for (RedisProcess s : sentinels) {
                subscribe(new HostAndPort(s.host(), s.port()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void subscribe(HostAndPort sentinel) {
        Socket socket = new Socket();
        sockets.add(socket);
        InputStream in;
        try {
            socket.connect(new InetSocketAddress(sentinel.host(), sentinel.port()), 1_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(NodeConnection.encode("SUBSCRIBE", "+switch-master"));
            out.flush();
            in = new BufferedInputStream(socket.getInputStream());
            NodeConnection.read(in); // the confirmation: from now on no switch is missed
            socket.setSoTimeout(0);
        } catch (IOException e) {
            throw new UncheckedIOException("SUBSCRIBE +switch-master on " + sentinel + ": " + e.getMessage(), e);
        }
        Thread reader = new Thread(() -> readLoop(sentinel, in), "switch-watch-" + sentinel.port());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(HostAndPort sentinel, InputStream in) {
        try {
            while (true) {
                List<?> message = (List<?>) NodeConnection.read(in);
                long at = System.nanoTime();
                if (message.size() == 3 && "message".equals(message.get(0))) {
                    String[] f = ((String) message.get(2)).split(" ");
                    events.add(new SwitchEvent(sentinel, f[0], new HostAndPort(f[1], Integer.parseInt(f[2])),
                            new HostAndPort(f[3], Integer.parseInt(f[4])), at));
                    synchronized (lock) {
                        lock.notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the socket was closed, or the sentinel died: nothing more to record from it
        }
    }

    /** @return every switch seen so far, in arrival order */
    public List<SwitchEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Waits for the first switch any sentinel publishes.
     *
     * @param timeout how long to wait
     * @return the earliest switch seen
     * @throws IllegalStateException when none arrives in time
     */
    public SwitchEvent awaitFirst(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (events.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no +switch-master within " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for +switch-master", e);
                }
            }
            return events.get(0);
        }
    }

    /** Closes the subscriptions; the reader threads end. */
    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
