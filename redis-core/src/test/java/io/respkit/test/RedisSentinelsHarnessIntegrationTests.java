package io.respkit.test;

import io.respkit.connection.HostAndPort;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SentinelTest
class RedisSentinelsHarnessIntegrationTests {

    @Test
    void sharedGroupHasAPrimaryWithTwoAttachedReplicasAndThreeAgreeingSentinels(RedisSentinels group) {
        RedisNode primary = group.primary();
        assertThat(group.masterName()).isEqualTo("mymaster");
        assertThat(group.nodes()).hasSize(3).first().isEqualTo(primary);
        assertThat(group.replicas()).hasSize(2).doesNotContain(primary);
        assertThat(group.sentinels()).hasSize(3).doesNotContain(primary.hostAndPort());
        assertThat(((List<?>) primary.call("ROLE")).get(0)).isEqualTo("master");
        for (RedisNode r : group.replicas()) {
            assertThat((String) r.call("INFO", "replication"))
                    .contains("role:slave", "master_port:" + primary.port() + "\r\n", "master_link_status:up");
        }
        for (RedisNode s : group.sentinelNodes()) {
            assertThat(s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"))
                    .isEqualTo(List.of("127.0.0.1", Integer.toString(primary.port())));
            Map<String, String> master = fields(s.call("SENTINEL", "MASTER", "mymaster"));
            assertThat(master).containsEntry("flags", "master").containsEntry("num-slaves", "2")
                    .containsEntry("num-other-sentinels", "2").containsEntry("quorum", "2");
            assertThat((List<?>) s.call("SENTINEL", "REPLICAS", "mymaster")).hasSize(2);
            assertThat((List<?>) s.call("SENTINEL", "SENTINELS", "mymaster")).hasSize(2);
        }
        primary.call("SET", "harness", "v");
        assertThat(primary.call("WAIT", "2", "5000")).isEqualTo(2L);
        assertThat(group.replicas()).allSatisfy(r -> assertThat(r.call("GET", "harness")).isEqualTo("v"));
        primary.call("DEL", "harness");
    }

    @Test
    void sharedGroupIsNotClosedByATest(RedisSentinels group) {
        group.close();

        assertThat(group.nodes()).allMatch(RedisNode::isReachable);
        assertThat(group.sentinelNodes()).allMatch(RedisNode::isReachable);
        assertThat(RedisSentinels.shared()).isSameAs(group);
    }

    @Test
    void failoverMovesThePrimaryAndTheOldOneBecomesAReplica() {
        long started = System.nanoTime();
        try (RedisSentinels group = RedisSentinels.start(2, 3)) {
            log("start(2, 3)", Duration.ofNanos(System.nanoTime() - started));
            RedisNode old = group.primary();

            RedisSentinels.Switch sw = group.failover();
            log("failover() switch", sw.took());

            assertThat(sw.primary()).isNotEqualTo(old).isEqualTo(group.primary());
            assertThat(((List<?>) sw.primary().call("ROLE")).get(0)).isEqualTo("master");
            long attaching = System.nanoTime();
            group.awaitReplicasAttached();
            log("old primary reattached", Duration.ofNanos(System.nanoTime() - attaching));
            assertThat(group.replicas()).hasSize(2).contains(old);
            assertThat((String) old.call("INFO", "replication"))
                    .contains("role:slave", "master_port:" + sw.primary().port() + "\r\n", "master_link_status:up");
        }
    }

    @Test
    void killedPrimaryIsReplacedAndRestartedNodesRejoin() {
        try (RedisSentinels group = RedisSentinels.start(2, 3); SwitchWatch watch = group.watchSwitches()) {
            RedisNode old = group.primary();
            old.call("SET", "k", "v");
            old.call("WAIT", "2", "5000");

            RedisNode killed = group.killPrimary();
            RedisSentinels.Switch sw = group.awaitSwitch(Duration.ofSeconds(15));
            log("killPrimary() switch", sw.took());
            log("killPrimary() first visible", sw.firstVisible());

            assertThat(killed).isEqualTo(old);
            assertThat(killed.isReachable()).isFalse();
            assertThat(sw.took()).isLessThan(Duration.ofSeconds(15)).isGreaterThanOrEqualTo(sw.firstVisible());
            assertThat(sw.primary()).isNotEqualTo(old).isEqualTo(group.primary());
            assertThat(sw.primary().call("GET", "k")).isEqualTo("v");
            SwitchWatch.SwitchEvent event = watch.awaitFirst(Duration.ofSeconds(5));
            assertThat(event.masterName()).isEqualTo("mymaster");
            assertThat(event.from()).isEqualTo(old.hostAndPort());
            assertThat(event.to()).isEqualTo(sw.primary().hostAndPort());
            log("+switch-master pushed", Duration.ofNanos(event.atNanos() - killed.process().killedAtNanos()));

            group.restart(killed);
            group.awaitReplicasAttached();
            assertThat(group.replicas()).hasSize(2).contains(old);
            // it rejoins as a replica of the primary of the moment (the sentinels may have moved it again meanwhile)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat((String) old.call("INFO", "replication"))
                            .contains("master_port:" + group.primary().port() + "\r\n"));

            RedisNode sentinel = group.sentinelNodes().get(0);
            group.restart(sentinel);
            group.awaitConsistent();
            assertThat(sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"))
                    .isEqualTo(List.of("127.0.0.1", Integer.toString(sw.primary().port())));
        }
    }

    @Test
    void frozenPrimaryIsReplacedAndCloseLeavesNoProcessEvenAFrozenOne() {
        List<Long> pids = new ArrayList<>();
        try (RedisSentinels group = RedisSentinels.start(1, 3)) {
            RedisNode frozen = group.freezePrimary();
            RedisSentinels.Switch sw = group.awaitSwitch(Duration.ofSeconds(15));
            log("freezePrimary() switch", sw.took());

            assertThat(frozen.isReachable()).isFalse();
            assertThat(sw.primary()).isNotEqualTo(frozen);
            assertThat(group.replicas()).containsExactly(frozen);
            group.nodes().forEach(n -> pids.add(n.process().pid()));
            group.sentinelNodes().forEach(n -> pids.add(n.process().pid()));
            assertThat(pids).hasSize(5).allMatch(pid -> pid > 0);
        }
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> RedisSentinels.start(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisSentinels.start(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisSentinels.start("my master", 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> fields(Object reply) {
        List<?> flat = (List<?>) reply;
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put((String) flat.get(i), String.valueOf(flat.get(i + 1)));
        }
        return m;
    }

    private static void log(String what, Duration took) {
        System.out.println("[sentinel harness] " + what + ": " + took.toMillis() + " ms");
    }
}
