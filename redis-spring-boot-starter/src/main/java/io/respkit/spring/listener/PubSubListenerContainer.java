package io.respkit.spring.listener;

import io.respkit.exceptions.RedisException;
import io.respkit.connection.RedisConfig;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PatternMessage;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one pub/sub container shared by every channel and pattern listener: ONE dedicated subscriber connection
 * (a core {@link Subscriber#open}) read by one thread, which hands each message to the
 * mailbox of every listener it concerns; mailboxes drain on a bounded executor (virtual threads when enabled), one
 * message at a time per listener, so each listener sees its messages in publication order.
 *
 * <p>When the connection is lost the reader reconnects with the recovery back-off, logs when the connection was
 * lost and when it was restored, and subscribes again to exactly the channels and patterns of the running
 * listeners. Subscription changes and resubscription happen under one lock, so a channel is never subscribed
 * twice. Messages published while disconnected are not received: Redis pub/sub does not store them, so each running
 * listener's error handler is told of the gap ({@link RedisListenerErrorHandler#handleSubscriptionGap}) and
 * {@link #getGapCount()} counts gaps. With Redis Sentinel the reader also checks, between reads (each bounded by
 * the poll timeout), that the primary has not moved ({@link RedisListenerConnections#isCurrent}); when it has, it
 * leaves the old primary, even one still running, and resubscribes on the new one, reporting the gap the same way.
 *
 * <p>Listeners are added with {@link #addListener}; each returned {@link RedisListenerContainer} starts and stops
 * its listener's subscriptions; the connection is open while at least one listener runs. When a listener's mailbox
 * is full the reader waits, which pushes back on the server (whose output-buffer limit may then drop the
 * connection, after which the container reconnects).
 *
 * <p>This class owns the listeners, their mailboxes and the lifecycle; the reader of each run (connecting,
 * reading, reconnecting, following a Sentinel primary) is a {@code PubSubReader}, and the channel and pattern
 * bookkeeping is {@code PubSubSubscriptions}.
 *
 * <p>Thread-safe.
 */
public final class PubSubListenerContainer {

    private static final Logger log = LoggerFactory.getLogger(PubSubListenerContainer.class);
    private static final int MAILBOX_CAPACITY = 10_000;

    private final RedisListenerConnections connections;
    private final ListenerContainerSettings settings;
    private final RedisListenerMetrics metrics;
    /** A lock, not a monitor: held while a start subscribes and a stop unsubscribes (socket writes). */
    private final ReentrantLock lifecycleLock = new ReentrantLock();
    private final PubSubSubscriptions<Handle> subscriptions = new PubSubSubscriptions<>();
    private final List<Handle> handles = new CopyOnWriteArrayList<>();

    /** What the reader of each run hands back: messages, and the gaps it restored. */
    private final PubSubReader.Listeners fromReader = new PubSubReader.Listeners() {
        @Override
        public void dispatch(PubSubMessage<byte[]> message) {
            PubSubListenerContainer.this.dispatch(message);
        }

        @Override
        public void restored(Instant lostAt, Instant restored) {
            gaps.incrementAndGet();
            reportGap(lostAt, restored);
        }
    };
    private volatile boolean active;
    // Incremented on every start, so that a reader left over from an earlier run (one that outlived the shutdown
    // timeout) can never take part in a later one.
    private volatile int generation;
    private Thread reader;
    private volatile PubSubReader readerTask;
    private volatile ExecutorService executor;
    private final AtomicLong gaps = new AtomicLong();

    /**
     * Creates a stopped container.
     *
     * @param config where to connect the subscriber
     * @param settings poll timeout, shutdown timeout, recovery back-off and threading
     * @param metrics the metrics
     */
    public PubSubListenerContainer(RedisConfig config, ListenerContainerSettings settings,
            RedisListenerMetrics metrics) {
        this(RedisListenerConnections.of(Objects.requireNonNull(config, "config")), settings, metrics);
    }

    /**
     * Creates a stopped container that subscribes on one server or, on a Redis Cluster, on one of its primaries (a
     * cluster delivers every {@code PUBLISH} to every node).
     *
     * @param connections where to connect the subscriber
     * @param settings poll timeout, shutdown timeout, recovery back-off and threading
     * @param metrics the metrics
     */
    public PubSubListenerContainer(RedisListenerConnections connections, ListenerContainerSettings settings,
            RedisListenerMetrics metrics) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Adds a listener, stopped.
     *
     * @param listenerId the listener id
     * @param channels channels to subscribe to by name
     * @param patterns patterns to subscribe to
     * @param handler the handler
     * @param errorHandler told about failures
     * @param autoStartup whether the registry starts it with the context
     * @return the listener's container
     */
    public RedisListenerContainer addListener(String listenerId, Collection<String> channels,
            Collection<String> patterns, RedisMessageHandler handler, RedisListenerErrorHandler errorHandler,
            boolean autoStartup) {
        Handle handle = new Handle(listenerId, List.copyOf(channels), List.copyOf(patterns), handler, errorHandler,
                autoStartup);
        handles.add(handle);
        return handle;
    }

    /**
     * Returns whether the subscriber connection is up and subscribed.
     *
     * @return {@code true} while connected
     */
    public boolean isConnected() {
        return subscriptions.isConnected();
    }

    /**
     * Returns how many subscriber connections have been established, the first included; a value above 1 means
     * the container reconnected.
     *
     * @return the number of connections opened
     */
    public long getConnectionCount() {
        return subscriptions.connectionCount();
    }

    /**
     * Returns how many times the subscriber connection was lost (or could not be opened) and later restored, i.e.
     * how many periods listeners were not subscribed.
     *
     * @return the number of restored gaps
     */
    public long getGapCount() {
        return gaps.get();
    }

    /**
     * Returns whether the reader runs, i.e. whether at least one listener runs.
     *
     * @return {@code true} while running
     */
    public boolean isRunning() {
        return active;
    }

    private void startIfNeeded() {
        if (active) {
            return;
        }
        active = true;
        int gen = ++generation;
        if (settings.virtualThreads() && ListenerThreads.virtualThreadsAvailable()) {
            // One virtual thread per drain task. Bounded all the same: each listener has at most one drain
            // scheduled at a time, so there are never more tasks than listeners.
            executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    ListenerThreads.factory("respkit-pubsub-", true));
        } else {
            int threads = Math.max(2, Math.min(16, Runtime.getRuntime().availableProcessors()));
            executor = Executors.newFixedThreadPool(threads, ListenerThreads.factory("respkit-pubsub-", false));
        }
        PubSubReader task = new PubSubReader(connections, settings, subscriptions, fromReader, () -> current(gen));
        readerTask = task;
        reader = ListenerThreads.factory("respkit-subscriber-", false).newThread(task);
        reader.start();
    }

    private void stopAll() {
        active = false;
        PubSubReader task = readerTask;
        if (task != null) {
            task.wakeUp();
        }
        subscriptions.closeSubscriber();
        Thread t = reader;
        reader = null;
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        joinQuietly(t, deadline);
        ExecutorService e = executor;
        if (e != null) {
            e.shutdown();
            try {
                if (!e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("Pub/sub listeners did not finish within {}; interrupting them",
                            settings.shutdownTimeout());
                    e.shutdownNow();
                }
            } catch (InterruptedException ex) {
                e.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean current(int gen) {
        return active && generation == gen;
    }

    /** Tells each running listener's error handler that it was not subscribed from {@code lostAt} to now. */
    private void reportGap(Instant lostAt, Instant restored) {
        for (Handle h : handles) {
            if (!h.running) {
                continue;
            }
            try {
                h.errorHandler.handleSubscriptionGap(h.id,
                        new SubscriptionGap(lostAt, restored, h.channels, h.patterns));
            } catch (RuntimeException e) {
                log.error("Error handler of listener '{}' failed on a subscription gap", h.id, e);
            }
        }
    }

    private void dispatch(PubSubMessage<byte[]> message) {
        if (message instanceof Message<byte[]> m) {
            deliver(subscriptions.channelListeners(m.channel()),
                    new RedisMessage<>(m.channel(), null, m.payload(), RedisMessage.Kind.CHANNEL, 1));
        } else if (message instanceof PatternMessage<byte[]> m) {
            deliver(subscriptions.patternListeners(m.pattern()),
                    new RedisMessage<>(m.channel(), m.pattern(), m.payload(), RedisMessage.Kind.PATTERN, 1));
        } else {
            log.debug("Pub/sub subscription change: {}", message);
        }
    }

    private void deliver(Set<Handle> targets, RedisMessage<byte[]> message) {
        if (targets == null) {
            return;
        }
        for (Handle h : targets) {
            h.offer(message);
        }
    }

    private static void joinQuietly(Thread t, long deadlineNanos) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One listener: its subscriptions, its mailbox and its lifecycle. */
    private final class Handle implements RedisListenerContainer {

        private final String id;
        private final List<String> channels;
        private final List<String> patterns;
        private final RedisMessageHandler handler;
        private final RedisListenerErrorHandler errorHandler;
        private final boolean autoStartup;
        private final ListenerMailbox mailbox;
        private volatile boolean running;

        Handle(String id, List<String> channels, List<String> patterns, RedisMessageHandler handler,
                RedisListenerErrorHandler errorHandler, boolean autoStartup) {
            this.id = id;
            this.channels = channels;
            this.patterns = patterns;
            this.handler = handler;
            this.errorHandler = errorHandler;
            this.autoStartup = autoStartup;
            this.mailbox = new ListenerMailbox(id, MAILBOX_CAPACITY, this::invoke, () -> executor);
        }

        @Override
        public String getListenerId() {
            return id;
        }

        @Override
        public boolean isAutoStartup() {
            return autoStartup;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public void start() {
            lifecycleLock.lock();
            try {
                if (running) {
                    return;
                }
                mailbox.reset();
                running = true;
                try {
                    // 'active' only changes under lifecycleLock, which is held here.
                    subscriptions.add(this, channels, patterns, active);
                } catch (RedisException e) {
                    // The reader sees the broken connection and resubscribes everything on reconnect.
                    log.debug("Subscribing listener '{}' deferred to reconnect: {}", id, e.getMessage());
                }
                startIfNeeded();
            } finally {
                lifecycleLock.unlock();
            }
        }

        @Override
        public void stop() {
            lifecycleLock.lock();
            try {
                if (!running) {
                    return;
                }
                running = false;
                try {
                    subscriptions.remove(this, channels, patterns);
                } catch (RedisException e) {
                    log.debug("Unsubscribing listener '{}' failed: {}", id, e.getMessage());
                }
                if (handles.stream().noneMatch(h -> h.running)) {
                    stopAll();
                } else {
                    mailbox.awaitIdle(System.nanoTime() + settings.shutdownTimeout().toNanos());
                }
            } finally {
                lifecycleLock.unlock();
            }
        }

        /** Called by the reader thread; waits while the mailbox is full so that no message is dropped. */
        void offer(RedisMessage<byte[]> message) {
            if (!running) {
                return;
            }
            metrics.received(id);
            mailbox.offer(message, settings.pollTimeout(), () -> running && active);
        }

        private void invoke(RedisMessage<byte[]> message) {
            try {
                handler.handle(message);
                metrics.processed(id);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable ex) {
                metrics.failed(id);
                Throwable cause = ex instanceof ListenerExecutionFailedException && ex.getCause() != null
                        ? ex.getCause() : ex;
                try {
                    errorHandler.handleError(id, message, cause);
                } catch (RuntimeException handlerFailure) {
                    log.error("Error handler of listener '{}' failed", id, handlerFailure);
                }
            }
        }

        @Override
        public String toString() {
            return "PubSubListener[" + id + ", channels=" + channels + ", patterns=" + patterns + "]";
        }
    }
}
