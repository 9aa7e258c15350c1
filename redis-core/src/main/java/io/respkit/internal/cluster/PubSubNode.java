package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterNode;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Where a cluster's {@code SUBSCRIBE}/{@code PSUBSCRIBE} subscriber connects: any primary will do, since a cluster
 * delivers every {@code PUBLISH} to every node. The first connection goes to a random primary; each reconnection
 * goes to another primary than the one just lost (a dead node may still be listed until the topology is refreshed,
 * and retrying it alone would never end), and asks for a topology refresh.
 *
 * <p>Thread-safe.
 */
public final class PubSubNode implements Supplier<RedisConfig> {

    private final ClusterRouter router;
    private volatile HostAndPort last;

    /** @param router the cluster */
    public PubSubNode(ClusterRouter router) {
        this.router = router;
    }

    /** @return the configuration of the node to connect to now */
    @Override
    public RedisConfig get() {
        HostAndPort previous = last;
        if (previous != null) {
            router.requestTopologyRefresh();
        }
        List<ClusterNode> primaries = router.topology().servingPrimaries();
        HostAndPort next;
        if (primaries.isEmpty()) {
            next = router.config().seeds().get(0);
        } else {
            int start = ThreadLocalRandom.current().nextInt(primaries.size());
            next = primaries.get(start).address();
            for (int i = 0; i < primaries.size() && next.equals(previous); i++) {
                next = primaries.get((start + i + 1) % primaries.size()).address();
            }
        }
        last = next;
        return router.config().configFor(next);
    }
}
