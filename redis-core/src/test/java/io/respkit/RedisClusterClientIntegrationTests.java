package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.cluster.ClusterTopology;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.ScanArgs;
import io.respkit.connection.RedisConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed API on the shared 3 + 3 cluster: routing by slot, splitting, fan-out, scans and refusals. */
@ClusterTest
class RedisClusterClientIntegrationTests {

    private RedisCluster cluster;

    @BeforeEach
    void flush(RedisCluster cluster) {
        this.cluster = cluster;
        cluster.flushAll();
    }

    private RedisClusterClient<String> client() {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds()).build());
    }

    @Test
    void readsTheTopologyAndRoutesEveryKeyToItsSlotsPrimary() {
        try (RedisClusterClient<String> redis = client()) {
            ClusterTopology topology = redis.topology();
            assertThat(topology.coversAllSlots()).isTrue();
            assertThat(topology.primaries()).hasSize(3);
            assertThat(topology.replicas()).hasSize(3);
            for (int i = 0; i < 500; i++) {
                redis.set("key:" + i, "value:" + i);
            }
            for (int i = 0; i < 500; i++) {
                assertThat(redis.get("key:" + i)).isEqualTo("value:" + i);
            }
            // each key sits on the primary the server says owns its slot, and every primary got some
            long total = 0;
            for (ClusterNode primary : cluster.primaries()) {
                long keys = (Long) primary.call("DBSIZE");
                assertThat(keys).isPositive();
                total += keys;
            }
            assertThat(total).isEqualTo(500);
            ClusterNode owner = cluster.primaryOf(cluster.slotOf("key:7"));
            assertThat(owner.call("GET", "key:7")).isEqualTo("value:7");
        }
    }

    @Test
    void resp2NodesGiveTheSameTopologyAndReplies() {
        try (RedisClusterClient<String> resp2 = RedisClusterClient.create(ClusterConfig.builder()
                .seeds(cluster.seeds()).nodeConfig(RedisConfig.builder().protocol(RespVersion.RESP2).build()).build());
                RedisClusterClient<String> resp3 = client()) {
            assertThat(resp2.topology()).isEqualTo(resp3.topology());
            resp2.mset(Map.of("r2:a", "1", "r2:b", "2", "r2:c", "3"));
            assertThat(resp2.mget("r2:a", "r2:b", "r2:c")).containsExactly("1", "2", "3");
            assertThat(resp2.hgetall("missing")).isEmpty();
            assertThat(resp2.dbsize()).isEqualTo(3);
            assertThat(resp2.keys("r2:*")).containsExactlyInAnyOrder("r2:a", "r2:b", "r2:c");
            assertThat(resp2.scan().collect(Collectors.toSet())).containsExactlyInAnyOrder("r2:a", "r2:b", "r2:c");
        }
    }

    @Test
    void keysWithOneHashTagShareASlotAndMultiKeyCommandsWork() {
        try (RedisClusterClient<String> redis = client()) {
            redis.sadd("{user:1}:a", "x", "y");
            redis.sadd("{user:1}:b", "y", "z");
            assertThat(redis.sinter("{user:1}:a", "{user:1}:b")).containsExactly("y");
            redis.rpush("{user:1}:queue", "job");
            assertThat(redis.rpoplpush("{user:1}:queue", "{user:1}:processing")).isEqualTo("job");
            assertThat((java.util.Collection<?>) redis.execute("SUNION", "{user:1}:a", "{user:1}:b")).hasSize(3);
        }
    }

    @Test
    void commandsWhoseKeysSpanSlotsAreRefusedBeforeSending() {
        try (RedisClusterClient<String> redis = client()) {
            redis.sadd("a", "x");
            redis.sadd("b", "x");
            assertThatThrownBy(() -> redis.sinter("a", "b")).isInstanceOfSatisfying(RedisCrossSlotException.class,
                    e -> assertThat(e.slots()).containsExactly(cluster.slotOf("a"), cluster.slotOf("b")));
            assertThatThrownBy(() -> redis.execute("SINTERSTORE", "dest", "a", "b"))
                    .isInstanceOf(RedisCrossSlotException.class).hasMessageNotContaining("dest");
            assertThatThrownBy(() -> redis.msetnx(Map.of("a1", "1", "b1", "2")))
                    .isInstanceOf(RedisCrossSlotException.class);
            assertThat(redis.exists("a1")).isZero();
            assertThat(redis.smembers("dest")).isEmpty();
        }
    }

    @Test
    void mgetMsetDelExistsAndTouchAreSplitPerSlotAndMergedInArgumentOrder() {
        try (RedisClusterClient<String> redis = client()) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                values.put("k" + i, "v" + i);
                keys.add("k" + i);
            }
            redis.mset(values);
            List<String> asked = new ArrayList<>(keys);
            asked.add(3, "missing");
            List<String> expected = new ArrayList<>(values.values());
            expected.add(3, null);
            assertThat(redis.mget(asked)).containsExactlyElementsOf(expected);
            assertThat(redis.exists(keys.toArray(String[]::new))).isEqualTo(40);
            assertThat(redis.touch(keys.toArray(String[]::new))).isEqualTo(40);
            assertThat(redis.del(keys.subList(0, 10).toArray(String[]::new))).isEqualTo(10);
            assertThat(redis.unlink(keys.subList(10, 20).toArray(String[]::new))).isEqualTo(10);
            assertThat(redis.dbsize()).isEqualTo(20);
            // raw commands are split alike, keys found by the server's key specs
            assertThat(redis.execute("MGET", "k20", "k21", "k0")).asList().containsExactly("v20", "v21", null);
        }
    }

    @Test
    void keylessCommandsFanOutAndMergeAsTheServerTipsSay() {
        try (RedisClusterClient<String> redis = client()) {
            for (int i = 0; i < 30; i++) {
                redis.set("fan:" + i, "x");
            }
            assertThat(redis.dbsize()).isEqualTo(30);
            assertThat(redis.keys("fan:*")).hasSize(30);
            assertThat(redis.randomkey()).startsWith("fan:");
            assertThat(redis.ping()).isEqualTo("PONG");
            String sha = redis.scriptLoad("return redis.call('GET', KEYS[1])");
            // loaded on every node: EVALSHA works whichever node the key lives on
            for (int i = 0; i < 30; i++) {
                assertThat((Object) redis.evalsha(sha, List.of("fan:" + i), List.of())).isEqualTo("x");
            }
            assertThat(redis.scriptExists(sha)).containsExactly(true);
            redis.flushall();
            assertThat(redis.dbsize()).isZero();
            assertThat(redis.randomkey()).isNull();
        }
    }

    @Test
    void randomkeyFindsTheOneKeyWhicheverPrimaryHoldsIt() {
        try (RedisClusterClient<String> redis = client()) {
            for (ClusterNode holder : cluster.primaries()) {
                cluster.flushAll();
                String key = null;
                for (int i = 0; key == null; i++) {
                    if (cluster.primaryOf(cluster.slotOf("only:" + i)).nodeId().equals(holder.nodeId())) {
                        key = "only:" + i;
                    }
                }
                redis.set(key, "x");
                for (int i = 0; i < 5; i++) {
                    assertThat(redis.randomkey()).isEqualTo(key); // the other primaries answer nil
                }
            }
        }
    }

    @Test
    void scanStreamsEveryPrimaryAndARawCursorIsRefused() {
        try (RedisClusterClient<String> redis = client()) {
            Set<String> written = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                redis.set("scan:" + i, "x");
                written.add("scan:" + i);
            }
            redis.set("other", "x");
            assertThat(redis.scan(ScanArgs.NONE.match("scan:*").count(20)).collect(Collectors.toSet()))
                    .isEqualTo(written);
            assertThat(redis.scan().count()).isGreaterThanOrEqualTo(301);
            assertThatThrownBy(() -> redis.scan("0", ScanArgs.NONE))
                    .isInstanceOf(RedisUnsupportedCommandException.class);
        }
    }

    @Test
    void binaryValuesAndKeysRouteByTheirBytes() {
        try (RedisClusterClient<String> redis = client();
                RedisClusterClient<byte[]> raw = redis.withCodec(ByteArrayCodec.INSTANCE)) {
            byte[] key = {'b', (byte) 0xfe, '{', 't', '}'};
            raw.execute("SET", key, new byte[] {0, (byte) 0xff});
            // sent straight to the owner of the tag's slot (a MOVED followed would hide a wrong first guess)
            assertThat(cluster.primaryOf(cluster.slotOf("t")).call("DBSIZE")).isEqualTo(1L);
            assertThat((byte[]) raw.execute("GET", key)).containsExactly(0, 0xff);
        }
    }

    @Test
    void urlConfigurationWorksLikeTheBuilder() {
        StringBuilder url = new StringBuilder("redis-cluster://");
        url.append(cluster.seeds().get(0)).append(',').append(cluster.seeds().get(1)).append("?timeout=3s");
        try (RedisClusterClient<String> redis = RedisClusterClient.create(url.toString())) {
            redis.set("u", "1");
            assertThat(redis.get("u")).isEqualTo("1");
            assertThat(redis.topology().nodes()).hasSize(6);
        }
    }

    @Test
    void everyPrimaryGetsKeysOfItsOwnSlotsOnly() {
        try (RedisClusterClient<String> redis = client()) {
            Map<String, Integer> slots = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                redis.set("own:" + i, "x");
                slots.put("own:" + i, cluster.slotOf("own:" + i));
            }
            for (ClusterNode primary : cluster.primaries()) {
                for (Map.Entry<String, Integer> e : slots.entrySet()) {
                    boolean owns = cluster.primaryOf(e.getValue()).nodeId().equals(primary.nodeId());
                    if (!owns) {
                        continue;
                    }
                    assertThat(primary.call("EXISTS", e.getKey())).isEqualTo(1L);
                }
            }
        }
    }

    @Test
    void readFromReplicaSendsReadsToReplicasAndWritesToPrimaries() {
        for (ClusterNode node : cluster.nodes()) {
            node.call("CONFIG", "RESETSTAT");
        }
        try (RedisClusterClient<String> redis = RedisClusterClient.create(ClusterConfig.builder()
                .seeds(cluster.seeds()).readFrom(io.respkit.connection.ReadFrom.REPLICA).build())) {
            for (int i = 0; i < 200; i++) {
                redis.set("rf:" + i, "v");
            }
            for (int i = 0; i < 200; i++) {
                // replication is asynchronous: a replica may answer before it has the write
                String v = redis.get("rf:" + i);
                assertThat(v == null || v.equals("v")).isTrue();
            }
        }
        long primaryGets = 0;
        long replicaGets = 0;
        long primarySets = 0;
        for (ClusterNode node : cluster.primaries()) {
            primaryGets += calls(node, "get");
            primarySets += calls(node, "set");
        }
        for (ClusterNode node : cluster.replicas()) {
            replicaGets += calls(node, "get");
        }
        assertThat(primaryGets).isZero();
        assertThat(replicaGets).isEqualTo(200);
        assertThat(primarySets).isEqualTo(200);
    }

    private static long calls(ClusterNode node, String command) {
        String stats = (String) node.call("INFO", "commandstats");
        for (String line : stats.split("\r\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void closeLeavesNoThreadOrConnectionBehind() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        long clientsBefore = clients();
        RedisClusterClient<String> redis = client();
        for (int i = 0; i < 100; i++) {
            redis.set("c:" + i, "v");
        }
        assertThat(redis.dbsize()).isEqualTo(100);
        assertThat(clients()).isGreaterThan(clientsBefore);
        redis.close();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                    .map(Thread::getName).filter(n -> n.startsWith("respkit"))).isEmpty();
            assertThat(clients()).isEqualTo(clientsBefore);
        });
        assertThatThrownBy(() -> redis.get("c:1")).isInstanceOf(IllegalStateException.class);
    }

    /** Client connections over the whole cluster, not counting the one asking. */
    private long clients() {
        long total = 0;
        for (ClusterNode node : cluster.nodes()) {
            String info = (String) node.call("INFO", "clients");
            for (String line : info.split("\r\n")) {
                if (line.startsWith("connected_clients:")) {
                    total += Long.parseLong(line.substring(line.indexOf(':') + 1)) - 1;
                }
            }
        }
        return total;
    }
}
