package io.respkit.test;

import io.respkit.connection.HostAndPort;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Redis Sentinel deployment of {@code redis-server} processes on free loopback ports (no Docker): one
 * primary, its replicas ({@code --replicaof}) and sentinels ({@code redis-server sentinel.conf --sentinel}, each
 * config file in its own writable temp directory) monitoring it as {@link #masterName()}, for integration tests.
 * Sentinels run with {@code down-after-milliseconds 1000}, {@code failover-timeout 5000},
 * {@code parallel-syncs 1} and a majority quorum, so a killed primary is replaced within a few seconds.
 *
 * <p>Thread-safe. Every call to a node or sentinel goes over its own raw socket, never through the client under
 * test.
 *
 * <p>How a test gets one:
 * <ul>
 *   <li>Tests that do not break the group share one, started lazily, of 1 primary, 2 replicas and 3 sentinels:
 *       annotate the class {@link SentinelTest @SentinelTest} and take a {@code RedisSentinels} parameter (resolved
 *       by {@link RedisSentinelsExtension}), or call {@link #shared()}. Its {@link #close()} does nothing; the
 *       processes end with the JVM. Leave it as you found it: no kills, freezes, failovers or restarts;
 *       {@code FLUSHALL} on {@link #primary()} empties it.</li>
 *   <li>Fault tests start their own: {@code try (RedisSentinels s = RedisSentinels.start(2, 3)) { ... }} and still
 *       carry {@link SentinelTest @SentinelTest} so they run in the integration-test execution.</li>
 * </ul>
 *
 * <p>The fixture waits by polling (bounded, {@link #DEFAULT_TIMEOUT} unless given), so tests never need to sleep.
 * Failures to converge throw {@link IllegalStateException} naming what was still off.
 */
public final class RedisSentinels implements AutoCloseable {

    /** How long the fixture waits for the group to converge unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** The master name sentinels monitor unless told otherwise. */
    public static final String DEFAULT_MASTER_NAME = "mymaster";

    // The default 5 s delay before a diskless full sync would make every replica attach 5 s late.
    private static final String[] NODE_ARGS = {"--repl-diskless-sync-delay", "0"};
    private static final Object SHARED_LOCK = new Object();
    private static RedisSentinels shared;

    private final String masterName;
    private final List<RedisProcess> nodes = new CopyOnWriteArrayList<>();
    private final List<RedisProcess> sentinels = new CopyOnWriteArrayList<>();
    private final List<SwitchWatch> watches = new CopyOnWriteArrayList<>();
    private final boolean isShared;
    private volatile Fault lastFault;

    private record Fault(HostAndPort primary, long atNanos) {
    }

    private RedisSentinels(String masterName, boolean isShared) {
        this.masterName = masterName;
        this.isShared = isShared;
    }

    /**
     * A change of primary.
     *
     * @param primary the new primary, which answers {@code ROLE} as master
     * @param took from the fault ({@link #killPrimary()}, {@link #freezePrimary()}) or the {@code SENTINEL FAILOVER}
     *        until every reachable sentinel reported the new primary and it reported itself master
     * @param firstVisible from the same instant until the first sentinel reported the new address (polled every
     *        20 ms; use {@link #watchSwitches()} for the pushed {@code +switch-master})
     */
    public record Switch(RedisNode primary, Duration took, Duration firstVisible) {
    }

    /**
     * Starts a group monitored as {@link #DEFAULT_MASTER_NAME}; see {@link #start(String, int, int)}.
     *
     * @param replicas how many replicas, 0 or more
     * @param sentinels how many sentinels, 1 or more (quorum is a majority)
     * @return the running group; close it
     * @throws IllegalArgumentException when a count is out of range
     * @throws IllegalStateException when {@code redis-server} is missing, a process does not start or the group does
     *         not converge within {@link #DEFAULT_TIMEOUT} (everything started is stopped again)
     */
    public static RedisSentinels start(int replicas, int sentinels) {
        return start(DEFAULT_MASTER_NAME, replicas, sentinels);
    }

    /**
     * Starts a primary and its replicas, waits until every replica's link is up, then starts the sentinels and waits
     * until every sentinel sees the primary, every replica and every other sentinel as healthy.
     *
     * @param masterName the name sentinels monitor the primary as
     * @param replicas how many replicas, 0 or more
     * @param sentinels how many sentinels, 1 or more (quorum is a majority)
     * @return the running group; close it
     * @throws IllegalArgumentException when a count is out of range or the name is blank or has spaces
     * @throws IllegalStateException when {@code redis-server} is missing, a process does not start or the group does
     *         not converge within {@link #DEFAULT_TIMEOUT} (everything started is stopped again)
     */
    public static RedisSentinels start(String masterName, int replicas, int sentinels) {
        return start(masterName, replicas, sentinels, false);
    }

    /**
     * Returns the shared group of 1 primary, 2 replicas and 3 sentinels, started on first use and stopped when the
     * JVM exits. Before handing it out again it checks that it is still consistent, so a test that broke it is found.
     *
     * @return the shared group; its {@link #close()} does nothing
     * @throws IllegalStateException when it cannot be started, or an earlier test left it inconsistent
     */
    public static RedisSentinels shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = start(DEFAULT_MASTER_NAME, 2, 3, true);
            } else {
                shared.awaitConsistent(Duration.ofSeconds(10));
            }
            return shared;
        }
    }

    private static RedisSentinels start(String masterName, int replicas, int sentinels, boolean isShared) {
        Objects.requireNonNull(masterName, "masterName");
        if (masterName.isBlank() || masterName.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("masterName must be a non-blank word: '" + masterName + "'");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more: " + replicas);
        }
        if (sentinels < 1) {
            throw new IllegalArgumentException("sentinels must be 1 or more: " + sentinels);
        }
        if (!RedisProcess.available()) {
            throw new IllegalStateException("redis-server is not on the PATH (scripts/setup.sh installs it)");
        }
        RedisSentinels group = new RedisSentinels(masterName, isShared);
        try {
            group.create(replicas, sentinels);
            return group;
        } catch (RuntimeException e) {
            group.stopAll();
            throw e;
        }
    }

    private void create(int replicas, int sentinelCount) {
        RedisProcess primary = RedisProcess.start(NODE_ARGS);
        nodes.add(primary);
        String primaryPort = Integer.toString(primary.port());
        for (int i = 0; i < replicas; i++) {
            nodes.add(RedisProcess.start(NODE_ARGS[0], NODE_ARGS[1], "--replicaof", primary.host(), primaryPort));
        }
        HostAndPort address = new HostAndPort(primary.host(), primary.port());
        ClusterProbe.poll(DEFAULT_TIMEOUT, "every replica attached to " + address, () -> {
            for (RedisProcess r : nodes.subList(1, nodes.size())) {
                String problem = SentinelProbe.replicationProblem(r, address);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        });
        String body = String.join("\n",
                "sentinel resolve-hostnames no",
                "sentinel announce-hostnames no",
                "sentinel monitor " + masterName + " " + primary.host() + " " + primaryPort + " " + (sentinelCount / 2 + 1),
                "sentinel down-after-milliseconds " + masterName + " 1000",
                "sentinel failover-timeout " + masterName + " 5000",
                "sentinel parallel-syncs " + masterName + " 1");
        for (int i = 0; i < sentinelCount; i++) {
            sentinels.add(RedisProcess.startSentinel(body));
        }
        awaitConsistent();
    }

    /** @return the name the sentinels monitor the primary as */
    public String masterName() {
        return masterName;
    }

    /** @return every sentinel's address, in start order, whatever its state: seeds for a Sentinel client */
    public List<HostAndPort> sentinels() {
        return sentinels.stream().map(p -> new HostAndPort(p.host(), p.port())).toList();
    }

    /** @return every sentinel, in start order, to call, kill or freeze one */
    public List<RedisNode> sentinelNodes() {
        return sentinels.stream().map(RedisSentinels::node).toList();
    }

    /** @return every data node this group started (primary first, then replicas), whatever its state now */
    public List<RedisNode> nodes() {
        return nodes.stream().map(RedisSentinels::node).toList();
    }

    /**
     * Returns the primary the first reachable sentinel reports now ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}).
     *
     * @return the primary (it may be killed or frozen, if the sentinels have not noticed yet)
     * @throws IllegalStateException when no sentinel is reachable or the reported address is not a node of this group
     */
    public RedisNode primary() {
        return nodeAt(primaryAddress(anySentinel()));
    }

    /** @return the running (possibly frozen) data nodes other than the {@link #primary()}, in start order */
    public List<RedisNode> replicas() {
        int primary = primaryAddress(anySentinel()).port();
        return nodes.stream().filter(p -> p.isRunning() && p.port() != primary).map(RedisSentinels::node).toList();
    }

    /**
     * Subscribes to {@code +switch-master} on every reachable sentinel; the subscriptions are confirmed when this
     * returns, so call it before causing the fault. Closed with the group, or earlier by the caller.
     *
     * @return the watch
     * @throws UncheckedIOException when a sentinel cannot be reached
     */
    public SwitchWatch watchSwitches() {
        SwitchWatch watch = new SwitchWatch(reachable(sentinels));
        watches.add(watch);
        return watch;
    }

    /**
     * Asks a sentinel for a failover ({@code SENTINEL FAILOVER}, retried while it answers {@code NOGOODSLAVE}) and
     * waits until every reachable sentinel reports a new primary that answers {@code ROLE} as master. The old
     * primary is turned into a replica by the sentinels afterwards; {@link #awaitReplicasAttached()} waits for it.
     *
     * @return the new primary and how long the switch took from the command
     * @throws IllegalStateException when no switch happens within {@link #DEFAULT_TIMEOUT}
     * @throws ErrorReplyException when the sentinel refuses otherwise (e.g. {@code INPROG})
     */
    public Switch failover() {
        RedisProcess sentinel = anySentinel();
        HostAndPort old = primaryAddress(sentinel);
        long start = System.nanoTime();
        ErrorReplyException[] refused = new ErrorReplyException[1];
        // The poll retries on every error reply, but only NOGOODSLAVE (replica info not fresh yet) is worth a retry.
        ClusterProbe.poll(DEFAULT_TIMEOUT, "SENTINEL FAILOVER accepted", () -> {
            try {
                SentinelProbe.call(sentinel, "SENTINEL", "FAILOVER", masterName);
            } catch (ErrorReplyException e) {
                if (e.code().equals("NOGOODSLAVE")) {
                    return e.getMessage();
                }
                refused[0] = e;
            }
            return null;
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        return awaitSwitchFrom(old, start, DEFAULT_TIMEOUT);
    }

    /**
     * Kills the current primary with SIGKILL; {@link #awaitSwitch(Duration)} then waits for the sentinels to promote
     * a replica.
     *
     * @return the node as it was just before the kill
     * @throws IllegalStateException when the reported primary is not running
     */
    public RedisNode killPrimary() {
        RedisNode primary = runningPrimary();
        primary.kill();
        lastFault = new Fault(primary.hostAndPort(), primary.process().killedAtNanos());
        return primary;
    }

    /**
     * Freezes the current primary with SIGSTOP: its connections stay open and nothing answers, like a host that
     * vanished without FIN or RST. {@link #awaitSwitch(Duration)} waits for the promotion, {@link #thaw(RedisNode)}
     * resumes it (the sentinels then turn it into a replica, after it has claimed to be master for 8 s).
     *
     * @return the frozen node
     * @throws IllegalStateException when the reported primary is not running
     */
    public RedisNode freezePrimary() {
        RedisNode primary = runningPrimary();
        long at = System.nanoTime();
        primary.freeze();
        lastFault = new Fault(primary.hostAndPort(), at);
        return primary;
    }

    /**
     * Resumes a node frozen by {@link #freezePrimary()} (or {@link RedisNode#freeze()}); does nothing otherwise.
     *
     * @param node a node of this group
     * @throws IllegalArgumentException when it is not a node of this group
     */
    public void thaw(RedisNode node) {
        own(node).thaw();
    }

    /**
     * Waits until the sentinels replace the primary taken out by the last {@link #killPrimary()} or
     * {@link #freezePrimary()}: every reachable sentinel reports the same other address and that node answers
     * {@code ROLE} as master.
     *
     * @param timeout how long to wait
     * @return the new primary, with the time from the kill (or freeze)
     * @throws IllegalStateException when no primary was taken out, or no switch happens in time
     */
    public Switch awaitSwitch(Duration timeout) {
        Fault fault = lastFault;
        if (fault == null) {
            throw new IllegalStateException("no primary was killed or frozen");
        }
        return awaitSwitchFrom(fault.primary(), fault.atNanos(), timeout);
    }

    private Switch awaitSwitchFrom(HostAndPort old, long startNanos, Duration timeout) {
        long[] firstSeen = {0};
        HostAndPort[] now = new HostAndPort[1];
        ClusterProbe.poll(timeout, "the sentinels replace " + old, () -> {
            HostAndPort agreed = null;
            for (RedisProcess s : reachable(sentinels)) {
                HostAndPort a = primaryAddress(s);
                if (!a.equals(old) && firstSeen[0] == 0) {
                    firstSeen[0] = System.nanoTime();
                }
                if (a.equals(old) || (agreed != null && !agreed.equals(a))) {
                    return s.port() + " reports " + a;
                }
                agreed = a;
            }
            if (agreed == null) {
                return "no reachable sentinel";
            }
            RedisProcess p = own(nodeAt(agreed));
            if (!"master".equals(SentinelProbe.role(p))) {
                return agreed + " is not master yet";
            }
            now[0] = agreed;
            return null;
        });
        long end = System.nanoTime();
        return new Switch(nodeAt(now[0]), Duration.ofNanos(end - startNanos), Duration.ofNanos(firstSeen[0] - startNanos));
    }

    /**
     * Starts a data node or sentinel again on its port (stopping it first when it runs, thawing it when frozen). A
     * sentinel starts from its rewritten config, so it keeps its id and what it learnt. A data node other than the
     * primary the sentinels report is then pointed at that primary with {@code REPLICAOF}, as a rewritten config
     * would: for a few milliseconds it may answer as an empty master (or a replica of its old primary).
     *
     * @param node a data node or sentinel of this group
     * @throws IllegalArgumentException when it is not a process of this group
     * @throws IllegalStateException when it does not come up
     */
    public void restart(RedisNode node) {
        RedisProcess p = own(node);
        p.restart();
        if (sentinels.contains(p)) {
            return;
        }
        HostAndPort primary = primaryAddress(anySentinel());
        if (primary.port() != p.port()) {
            SentinelProbe.call(p, "REPLICAOF", primary.host(), Integer.toString(primary.port()));
        }
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until every reachable data node other than the primary replicates it with
     * its link up and the sentinels list it as a healthy replica: the group is {@link #awaitConsistent consistent}.
     * After a failover (or a thaw) the sentinels reconfigure the old primary only after it has claimed to be master
     * for 8 s (their {@code 4 * PUBLISH_PERIOD}), so this takes about 10 s then.
     *
     * @throws IllegalStateException when that is not reached in time
     */
    public void awaitReplicasAttached() {
        awaitConsistent(DEFAULT_TIMEOUT);
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT}; see {@link #awaitConsistent(Duration)}.
     *
     * @throws IllegalStateException when the group does not converge
     */
    public void awaitConsistent() {
        awaitConsistent(DEFAULT_TIMEOUT);
    }

    /**
     * Waits until every reachable sentinel (running, not frozen) reports the same primary, which is reachable and
     * answers {@code ROLE} as master; every other reachable data node replicates it with its link up; and every
     * reachable sentinel flags the primary plain {@code master}, knows all other sentinels, and sees every reachable
     * replica and every other reachable sentinel as healthy.
     *
     * @param timeout how long to wait
     * @throws IllegalStateException when that is not reached in time, naming what was still off
     */
    public void awaitConsistent(Duration timeout) {
        ClusterProbe.poll(timeout, "sentinel group consistent", () -> SentinelProbe.consistencyProblem(masterName,
                reachable(sentinels), reachable(nodes), sentinels.size()));
    }

    /**
     * Stops every data node and sentinel (SIGKILL, by PID) and deletes their directories; does nothing for the
     * {@link #shared()} group.
     */
    @Override
    public void close() {
        if (!isShared) {
            stopAll();
        }
    }

    private void stopAll() {
        watches.forEach(SwitchWatch::close);
        // Sentinels first, so none starts a failover while the data nodes go away.
        sentinels.forEach(RedisProcess::close);
        nodes.forEach(RedisProcess::close);
    }

    private RedisNode runningPrimary() {
        RedisNode primary = primary();
        if (!primary.isReachable()) {
            throw new IllegalStateException("the reported primary " + primary.hostAndPort() + " is not running");
        }
        return primary;
    }

    private HostAndPort primaryAddress(RedisProcess sentinel) {
        return SentinelProbe.primaryAddress(sentinel, masterName);
    }

    private RedisNode nodeAt(HostAndPort address) {
        for (RedisProcess p : nodes) {
            if (p.port() == address.port()) {
                return node(p);
            }
        }
        throw new IllegalStateException("the sentinels report " + address + ", not a node of this group");
    }

    private RedisProcess own(RedisNode node) {
        List<RedisProcess> all = new ArrayList<>(nodes);
        all.addAll(sentinels);
        if (node == null || !all.contains(node.process())) {
            throw new IllegalArgumentException("not a process of this group: " + (node == null ? null : node.hostAndPort()));
        }
        return node.process();
    }

    private RedisProcess anySentinel() {
        return reachable(sentinels).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no reachable sentinel"));
    }

    private static List<RedisProcess> reachable(List<RedisProcess> processes) {
        return processes.stream().filter(p -> p.isRunning() && !p.isFrozen()).toList();
    }

    private static RedisNode node(RedisProcess p) {
        return new RedisNode(p.host(), p.port(), p);
    }
}
