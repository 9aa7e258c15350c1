package io.respkit.internal.sentinel;

import io.respkit.connection.HostAndPort;
import io.respkit.pool.ConnectionPool;
import io.respkit.sentinel.SentinelConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection pool per replica of a Sentinel-monitored master, for reads a {@link io.respkit.connection.ReadFrom}
 * sends to replicas: opened on first use, closed once the sentinels no longer report the replica as reachable (a
 * replica promoted to primary included).
 *
 * <p>Thread-safe.
 */
public final class ReplicaPools implements AutoCloseable {

    private final SentinelConfig config;
    private final SentinelWatcher watcher;
    private final Map<HostAndPort, ConnectionPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Creates the pools' owner; nothing is opened yet.
     *
     * @param config the data nodes' settings
     * @param watcher the source of the replica list
     */
    public ReplicaPools(SentinelConfig config, SentinelWatcher watcher) {
        this.config = config;
        this.watcher = watcher;
    }

    /**
     * Picks one of the reachable replicas at random.
     *
     * @return its pool, or {@code null} when the sentinels report none (or this was closed)
     */
    public ConnectionPool pick() {
        List<HostAndPort> replicas = watcher.replicas();
        if (!replicas.containsAll(pools.keySet())) {
            prune(replicas); // a replica gone, promoted or replaced: its idle connections go too
        }
        if (replicas.isEmpty() || closed) {
            return null;
        }
        HostAndPort node = replicas.get(ThreadLocalRandom.current().nextInt(replicas.size()));
        if (node.equals(watcher.primaryAddress())) {
            return null; // promoted since the list was read
        }
        ConnectionPool pool = pools.computeIfAbsent(node, n -> ConnectionPool.create(config.configFor(n)));
        if (closed) {
            pool.close();
            return null;
        }
        return pool;
    }

    private void prune(List<HostAndPort> replicas) {
        pools.entrySet().removeIf(e -> {
            if (replicas.contains(e.getKey())) {
                return false;
            }
            e.getValue().close(); // borrowed connections are closed as they come back
            return true;
        });
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(ConnectionPool::close);
        pools.clear();
    }
}
