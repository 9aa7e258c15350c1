package io.respkit.pool;

import io.respkit.connection.RedisConfig;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool's growth path never waits on a monitor and never opens a connection while holding one, so that a virtual
 * thread borrowing on JDK 21–23 cannot pin its carrier there. commons-pool2 2.13's {@code GenericObjectPool.create()}
 * waits in {@code makeObjectCountLock.wait()} when the pool is full counting connections still being opened, and
 * its {@code returnObject} opens a replacement inside {@code synchronized (pooledObject)} when a destroyed connection
 * leaves borrowers waiting; respkit's pool keeps its callers out of both ({@link ConnectionPool}'s class comment has
 * the argument). Shown here on platform threads, whose stacks and held monitors a sampler can read on any JDK:
 * connections are slow to open (a proxy delays the handshake), the pool is small and contended, and a third of the
 * leases come back broken, so it keeps replacing connections.
 *
 * <p>Each test owns its pool; not thread-safe beyond that.
 */
@ExtendWith(RedisServerExtension.class)
class ConnectionPoolMonitorFreeIntegrationTests {

    private static final String PREFIX = "pool-growth-";

    @Test
    void borrowersNeverWaitOnAMonitorNorOpenAConnectionInsideOne(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server)) {
            proxy.delay(Duration.ofMillis(60)); // each handshake takes two delayed chunks
            RedisConfig config = proxy.configBuilder().pool(PoolConfig.builder().maxTotal(2).maxIdle(2)
                    .maxWait(Duration.ofSeconds(30)).build()).build();
            try (ConnectionPool pool = ConnectionPool.create(config)) {
                Set<String> seen = ConcurrentHashMap.newKeySet();
                AtomicInteger samples = new AtomicInteger();
                AtomicInteger overTotal = new AtomicInteger();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                CountDownLatch done = new CountDownLatch(1);
                Thread sampler = new Thread(() -> sample(pool, seen, samples, overTotal, done), "pool-sampler");
                sampler.start();
                List<Thread> borrowers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int id = t;
                    Thread b = new Thread(() -> {
                        try {
                            for (int i = 0; i < 4; i++) {
                                try (PooledConnection lease = pool.borrow()) {
                                    if ((id + i) % 3 == 0) {
                                        lease.connection().markBroken(); // destroyed on return: replaced
                                    }
                                }
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }, PREFIX + t);
                    borrowers.add(b);
                    b.start();
                }
                for (Thread b : borrowers) {
                    b.join(60_000);
                }
                done.countDown();
                sampler.join(10_000);

                assertThat(failure.get()).isNull();
                assertThat(samples.get()).as("stack samples taken").isGreaterThan(20);
                assertThat(seen).as("borrower stacks seen in a monitor wait, or opening a connection inside a "
                        + "monitor").isEmpty();
                assertThat(overTotal.get()).as("samples with more than maxTotal connections").isZero();
                PoolStats stats = pool.stats();
                assertThat(stats.active()).isZero();
                assertThat(stats.created() - stats.destroyed()).isBetween(0L, 2L);
                assertThat(stats.destroyed()).isGreaterThanOrEqualTo(8);
            }
        }
    }

    /** Samples the borrowers' stacks and held monitors until {@code done}. */
    private static void sample(ConnectionPool pool, Set<String> seen, AtomicInteger samples, AtomicInteger overTotal,
            CountDownLatch done) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try {
            while (!done.await(2, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                PoolStats s = pool.stats();
                if (s.active() + s.idle() > s.maxTotal()) {
                    overTotal.incrementAndGet();
                }
                for (ThreadInfo info : mx.dumpAllThreads(true, false)) {
                    if (info.getThreadName().startsWith(PREFIX)) {
                        String problem = problem(info);
                        if (problem != null) {
                            seen.add(problem);
                        }
                    }
                }
                samples.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A monitor wait anywhere, or a connection being opened while a monitor is held; else {@code null}. */
    private static String problem(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        String frames = String.join("\n  ", Arrays.stream(stack).map(StackTraceElement::toString).toList());
        boolean waiting = Arrays.stream(stack).anyMatch(f -> f.getClassName().equals("java.lang.Object")
                && f.getMethodName().equals("wait"));
        if (waiting) {
            return "waits on a monitor:\n  " + frames;
        }
        boolean opening = Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(
                "io.respkit.connection.RedisConnection") && f.getMethodName().equals("open"));
        // Monitors taken by respkit or commons-pool2: the JDK's own, held for a socket option, are not the point.
        List<String> held = Arrays.stream(info.getLockedMonitors()).filter(m -> {
            String where = m.getLockedStackFrame().getClassName();
            return where.startsWith("io.respkit.") || where.startsWith("org.apache.commons.pool2.");
        }).map(m -> m + " locked in " + m.getLockedStackFrame()).toList();
        if (opening && !held.isEmpty()) {
            return "opens a connection holding " + held + ":\n  " + frames;
        }
        return null;
    }
}
