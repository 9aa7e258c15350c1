package io.respkit.sentinel;

import io.respkit.RedisClient;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisDurabilityException;
import io.respkit.test.RedisNode;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SentinelTest
class SentinelReadsAndDurabilityIntegrationTests {

    private static SentinelConfig.Builder config(RedisSentinels group, String clientName) {
        return SentinelConfig.builder().sentinels(group.sentinels()).masterName(group.masterName())
                .nodeConfig(RedisConfig.builder().clientName(clientName).build());
    }

    private static boolean connectedTo(RedisNode node, String clientName) {
        return ((String) node.call("CLIENT", "LIST")).contains("name=" + clientName + " ");
    }

    @Test
    void replicaReadsGoToReplicasAndWritesToThePrimary(RedisSentinels group) {
        try (RedisClient<String> redis = RedisClient.create(config(group, "replica-reads")
                .readFrom(ReadFrom.REPLICA).build())) {
            redis.set("reads:k", "v");
            group.primary().call("WAIT", "2", "2000");
            for (int i = 0; i < 20; i++) {
                assertThat(redis.get("reads:k")).isEqualTo("v");
            }
            // the replica list arrives with the first check; reads then go to the replicas only
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(redis.get("reads:k")).isEqualTo("v");
                assertThat(group.replicas()).anyMatch(r -> connectedTo(r, "replica-reads"));
            });
            assertThat(group.primary().call("GET", "reads:k")).isEqualTo("v");
            redis.del("reads:k");
        }
    }

    @Test
    void primaryReadsNeverTouchAReplica(RedisSentinels group) {
        try (RedisClient<String> redis = RedisClient.create(config(group, "primary-reads").build())) {
            redis.set("reads:p", "v");
            for (int i = 0; i < 20; i++) {
                assertThat(redis.get("reads:p")).isEqualTo("v");
            }
            assertThat(group.replicas()).noneMatch(r -> connectedTo(r, "primary-reads"));
            redis.del("reads:p");
        }
    }

    @Test
    void durableWritesWaitForTheReplicasAndReportTooFew(RedisSentinels group) {
        try (RedisClient<String> two = RedisClient.create(config(group, "durable")
                .durableWrites(new DurableWrites(2, Duration.ofSeconds(2))).build());
             RedisClient<String> three = RedisClient.create(config(group, "durable3")
                     .durableWrites(new DurableWrites(3, Duration.ofMillis(100))).build())) {
            assertThat(two.set("durable:k", "1")).isTrue();
            assertThat(group.replicas()).allSatisfy(r -> assertThat(r.call("GET", "durable:k")).isEqualTo("1"));
            assertThat(two.get("durable:k")).isEqualTo("1"); // reads do not wait

            assertThatThrownBy(() -> three.set("durable:k", "2"))
                    .isInstanceOfSatisfying(RedisDurabilityException.class, e -> {
                        assertThat(e.required()).isEqualTo(3);
                        assertThat(e.acknowledged()).isEqualTo(2);
                        assertThat(e).hasMessageContaining("SET").hasMessageContaining("2 of the 3");
                    });
            // the write ran: the exception says it may not survive a failover, not that it was undone
            assertThat(three.get("durable:k")).isEqualTo("2");
            two.del("durable:k");
        }
        try (RedisClient<String> all = RedisClient.create(config(group, "durable-all")
                .durableWrites(DurableWrites.allReplicas(Duration.ofSeconds(2))).build())) {
            assertThat(all.set("durable:all", "1")).isTrue(); // both replicas attached: WAIT 2 returned 2
            assertThat(group.replicas()).allSatisfy(r -> assertThat(r.call("GET", "durable:all")).isEqualTo("1"));
            all.del("durable:all");
        }
    }

    @Test
    void durableWritesRejectNonsense() {
        assertThatThrownBy(() -> new DurableWrites(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicas");
        assertThat(DurableWrites.allReplicas(Duration.ofSeconds(1))).hasToString("DurableWrites[replicas=all, "
                + "timeout=1000ms]");
        assertThatThrownBy(() -> new DurableWrites(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
