package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.sentinel.SentinelConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Unit tests (no server): the names of a queue's processing lists, heartbeat keys and default dead-letter list, on
 * one server (unchanged from earlier releases) and on a cluster (in the queue's hash slot); with Sentinel, where
 * connections go and how a move of the primary is noticed.
 */
class RedisListenerConnectionsTests {

    private final RedisListenerConnections single = RedisListenerConnections.of(RedisConfig.builder().build());
    @SuppressWarnings("unchecked")
    private final RedisListenerConnections cluster = RedisListenerConnections.cluster(
            ClusterConfig.builder().seed("127.0.0.1", 7000).build(), mock(RedisClusterClient.class));

    @Test
    void singleNodeKeyNamesAreUnchanged() {
        assertThat(single.isCluster()).isFalse();
        assertThat(single.queueKeyPrefix("jobs")).isEqualTo("jobs");
        assertThat(single.queueKeyPrefix("a}b")).isEqualTo("a}b");
        assertThat(single.defaultDeadLetterQueue("jobs")).isEqualTo("jobs:dead");
        assertThat(single.sameSlot("a", "b")).isTrue();
        QueueOperations ops = new QueueOperations("jobs", single.queueKeyPrefix("jobs"), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        assertThat(ops.processingKey("c1")).isEqualTo("jobs:processing:c1");
        assertThat(ops.heartbeatKey("c1")).isEqualTo("jobs:consumer:c1");
    }

    @Test
    void sentinelConnectionsGoToTheClientsCurrentPrimaryAndNoticeWhenItMoves() {
        RedisConfig first = RedisConfig.builder().host("10.0.0.1").port(6379).build();
        RedisConfig second = RedisConfig.builder().host("10.0.0.2").port(6379).build();
        ConnectionPool pool = mock(ConnectionPool.class);
        when(pool.config()).thenReturn(first);
        @SuppressWarnings("unchecked")
        RedisClient<String> client = mock(RedisClient.class);
        when(client.pool()).thenReturn(pool);
        RedisListenerConnections sentinel = RedisListenerConnections.sentinel(SentinelConfig.builder()
                .sentinel("127.0.0.1", 26379).masterName("mymaster").build(), client);

        assertThat(sentinel.isSentinel()).isTrue();
        assertThat(sentinel.isCluster()).isFalse();
        assertThat(sentinel.subscriberConfig()).isSameAs(first);
        assertThat(sentinel.queueConfig("jobs", false)).isSameAs(first);
        assertThat(sentinel.isCurrent(first)).isTrue();
        assertThat(sentinel.toString()).contains("mymaster").contains("10.0.0.1:6379");

        when(pool.config()).thenReturn(second); // the primary moved
        assertThat(sentinel.isCurrent(first)).isFalse();
        assertThat(sentinel.isCurrent(second)).isTrue();
        assertThat(sentinel.queueConfig("jobs", true)).isSameAs(second);
        // An equal configuration is not the current one: only a move makes the pool hand out another instance.
        assertThat(sentinel.isCurrent(RedisConfig.builder().host("10.0.0.2").port(6379).build())).isFalse();

        // Queue keys are named as on one server: a Sentinel setup has no hash slots.
        assertThat(sentinel.queueKeyPrefix("jobs")).isEqualTo("jobs");
        assertThat(sentinel.defaultDeadLetterQueue("jobs")).isEqualTo("jobs:dead");
        assertThat(sentinel.sameSlot("a", "b")).isTrue();
    }

    @Test
    void oneServerAndAClusterAlwaysCountAsCurrent() {
        assertThat(single.isSentinel()).isFalse();
        assertThat(single.isCurrent(RedisConfig.builder().host("elsewhere").build())).isTrue();
        assertThat(cluster.isSentinel()).isFalse();
        assertThat(cluster.isCurrent(RedisConfig.builder().build())).isTrue();
    }

    @Test
    void clusterKeysTakeTheQueueAsHashTag() {
        assertThat(cluster.isCluster()).isTrue();
        assertThat(cluster.queueKeyPrefix("jobs")).isEqualTo("{jobs}");
        assertThat(cluster.defaultDeadLetterQueue("jobs")).isEqualTo("{jobs}:dead");
        QueueOperations ops = new QueueOperations("jobs", cluster.queueKeyPrefix("jobs"), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        assertThat(ops.processingKey("c1")).isEqualTo("{jobs}:processing:c1");
        assertThat(ops.heartbeatKey("c1")).isEqualTo("{jobs}:consumer:c1");
    }

    @Test
    void aQueueWithAHashTagKeepsIt() {
        assertThat(cluster.queueKeyPrefix("{app}jobs")).isEqualTo("{app}jobs");
        assertThat(cluster.defaultDeadLetterQueue("{app}jobs")).isEqualTo("{app}jobs:dead");
        // '{' without a closing '}' is no tag: the whole name hashes, as it does inside the added braces
        assertThat(cluster.queueKeyPrefix("x{y")).isEqualTo("{x{y}");
    }

    @Test
    void aQueueWithABraceButNoTagCannotBeColocatedOnACluster() {
        assertThatIllegalArgumentException().isThrownBy(() -> cluster.queueKeyPrefix("a}b"))
                .withMessageContaining("'a}b'").withMessageContaining("hash tag");
        assertThatIllegalArgumentException().isThrownBy(() -> cluster.queueKeyPrefix("a{}b"));
    }

    @Test
    void hashTagsAreReadAsRedisClusterReadsThem() {
        assertThat(RedisListenerConnections.hasHashTag("{a}b")).isTrue();
        assertThat(RedisListenerConnections.hasHashTag("x{a}")).isTrue();
        assertThat(RedisListenerConnections.hasHashTag("{}a")).isFalse();
        assertThat(RedisListenerConnections.hasHashTag("a{b")).isFalse();
        assertThat(RedisListenerConnections.hasHashTag("}a{")).isFalse();
    }
}
