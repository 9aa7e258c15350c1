package io.respkit.internal.sentinel;

import io.respkit.codec.StringCodec;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisException;
import io.respkit.pubsub.PatternMessage;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.sentinel.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Reads the events of every configured sentinel, each on a thread of its own with a {@link Subscriber} that
 * reconnects, and hands the ones about the followed master to the watcher. All sentinels, not one: only the leader
 * of a failover announces the replica it selects, which is the earliest warning a client can get, and any sentinel
 * may be the leader. A sentinel unreachable at the start is retried every second; a reconnection (events may have
 * been missed) asks the watcher to check at once.
 *
 * <p>Thread-safe. A reader's retry pause waits on a {@link Condition}, and its subscriber is closed outside its lock.
 */
final class SentinelEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentinelWatcher.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final List<Reader> readers = new ArrayList<>();

    private SentinelEvents() {
    }

    static SentinelEvents start(SentinelConfig config, Consumer<SentinelEvent> events, Runnable missed) {
        SentinelEvents all = new SentinelEvents();
        for (HostAndPort s : config.sentinels()) {
            Reader r = new Reader(config, s, events, missed);
            all.readers.add(r);
            r.thread.start();
        }
        return all;
    }

    @Override
    public void close() {
        for (Reader r : readers) {
            r.close();
        }
    }

    /** One sentinel's events. */
    private static final class Reader implements Runnable {
        private final SentinelConfig config;
        private final HostAndPort sentinel;
        private final Consumer<SentinelEvent> events;
        private final Runnable missed;
        private final Thread thread;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition closing = lock.newCondition();
        private Subscriber<String> subscriber;
        private volatile boolean closed;

        Reader(SentinelConfig config, HostAndPort sentinel, Consumer<SentinelEvent> events, Runnable missed) {
            this.config = config;
            this.sentinel = sentinel;
            this.events = events;
            this.missed = missed;
            this.thread = new Thread(this, "respkit-sentinel-events-" + sentinel);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            boolean first = true;
            while (!closed) {
                Subscriber<String> s;
                try {
                    s = Subscriber.open(config.sentinelConfig(sentinel), StringCodec.UTF8);
                    s.psubscribe("*");
                } catch (RedisException e) {
                    log.debug("Cannot read the events of sentinel {} yet: {}", sentinel, e.getMessage());
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
                boolean attached;
                lock.lock();
                try {
                    attached = !closed;
                    if (attached) {
                        subscriber = s; // close() closes it from now on
                    }
                } finally {
                    lock.unlock();
                }
                if (!attached) {
                    s.close();
                    return;
                }
                if (!first) {
                    missed.run();
                }
                first = false;
                read(s);
            }
        }

        private void read(Subscriber<String> s) {
            try {
                for (;;) {
                    PubSubMessage<String> m = s.next();
                    if (m == null) {
                        return; // closed
                    }
                    if (m instanceof PatternMessage<String> p) {
                        SentinelEvent e = SentinelEvent.parse(p.channel(), p.payload(), config.masterName());
                        if (e != null) {
                            events.accept(e);
                        }
                    } else if (m instanceof SubscriptionEvent<String> ev
                            && ev.kind() == SubscriptionEvent.Kind.RECONNECTED) {
                        missed.run();
                    }
                }
            } catch (RuntimeException e) {
                // Any failure, a malformed frame included, ends this connection only: the reader reconnects, and
                // the watcher checks at once for what it may have missed.
                if (!closed) {
                    log.debug("Events of sentinel {} interrupted: {}", sentinel, e.toString());
                    s.close();
                    pause();
                }
            }
        }

        private boolean pause() {
            lock.lock();
            try {
                if (!closed) {
                    closing.awaitNanos(RETRY.toNanos());
                }
                return !closed;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }

        void close() {
            Subscriber<String> s;
            lock.lock();
            try {
                closed = true;
                closing.signalAll();
                s = subscriber;
            } finally {
                lock.unlock();
            }
            if (s != null) {
                s.close();
            }
            thread.interrupt();
        }
    }
}
