package io.respkit.sentinel;

import io.respkit.RedisClient;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.test.HostileServer;
import io.respkit.test.RedisNode;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What a sentinel setup can do to a client that its author did not plan for. */
@SentinelTest
class SentinelAdversarialIntegrationTests {

    private static int sentinelThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("respkit-sentinel")).count();
    }

    @Test
    void aSentinelNamingAReplicaIsNotBelieved(RedisSentinels group) throws Exception {
        RedisNode replica = group.replicas().get(0);
        HostAndPort real = group.sentinels().get(0);
        try (HostileServer liar = HostileServer.proxyTo(real.host(), real.port())) {
            String port = Integer.toString(replica.port());
            for (int i = 0; i < 50; i++) {
                liar.answerNext("SENTINEL", HostileServer.script().send("*2\r\n$9\r\n127.0.0.1\r\n$" + port.length()
                        + "\r\n" + port + "\r\n"));
            }
            SentinelConfig config = SentinelConfig.builder().sentinel(liar.host(), liar.port())
                    .masterName(group.masterName()).build();
            try (RedisClient<String> redis = RedisClient.create(config)) {
                // the replica's ROLE names the real primary, which confirms
                assertThat(redis.pool().config().port()).isEqualTo(group.primary().port());
                redis.set("liar:k", "v");
                assertThat(group.primary().call("GET", "liar:k")).isEqualTo("v");
                redis.del("liar:k");
            }
        }
    }

    @Test
    void sentinelCredentialsAreUsedAndAWrongOneIsReportedWithoutIt(RedisSentinels group) {
        for (RedisNode s : group.sentinelNodes()) {
            s.call("ACL", "SETUSER", "watcher", "on", ">w4tch-Secret", "+@all", "allchannels");
        }
        try {
            SentinelConfig good = SentinelConfig.builder().sentinels(group.sentinels())
                    .masterName(group.masterName()).sentinelCredentials("watcher", "w4tch-Secret").build();
            try (RedisClient<String> redis = RedisClient.create(good)) {
                assertThat(redis.ping()).isEqualTo("PONG");
                assertThat(redis.toString()).doesNotContain("w4tch-Secret");
            }
            SentinelConfig wrong = good.toBuilder().sentinelCredentials("watcher", "not-the-Secret").build();
            int before = sentinelThreads();
            assertThatThrownBy(() -> RedisClient.create(wrong))
                    .isInstanceOf(RedisConnectionException.class)
                    .hasMessageContaining(group.masterName())
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(t.getMessage()).doesNotContain("not-the-Secret").doesNotContain("w4tch");
                        }
                    });
            assertThat(wrong.toString()).doesNotContain("not-the-Secret");
            await().atMost(Duration.ofSeconds(5)).until(() -> sentinelThreads() <= before);
        } finally {
            for (RedisNode s : group.sentinelNodes()) {
                s.call("ACL", "DELUSER", "watcher");
            }
        }
    }

    @Test
    void aDataNodeUserWithoutAdminCommandsCanStillBeFollowed(RedisSentinels group) {
        // managed Redis hands out such users: ROLE is an @admin command, refused with NOPERM
        for (RedisNode n : group.nodes()) {
            n.call("ACL", "SETUSER", "app", "on", ">app-Secret", "~*", "&*", "+@all", "-@admin");
        }
        try {
            SentinelConfig config = SentinelConfig.builder().sentinels(group.sentinels())
                    .masterName(group.masterName())
                    .nodeConfig(RedisConfig.builder().username("app").password("app-Secret").build()).build();
            try (RedisClient<String> redis = RedisClient.create(config)) {
                assertThat(redis.pool().config().port()).isEqualTo(group.primary().port());
                redis.set("acl:k", "v");
                assertThat(redis.get("acl:k")).isEqualTo("v");
                redis.del("acl:k");
            }
        } finally {
            for (RedisNode n : group.nodes()) {
                n.call("ACL", "DELUSER", "app");
            }
        }
    }

    @Test
    void closingTheClientEndsItsThreadsAndSentinelConnections(RedisSentinels group) {
        int before = sentinelThreads();
        SentinelConfig config = SentinelConfig.builder().sentinels(group.sentinels()).masterName(group.masterName())
                .nodeConfig(RedisConfig.builder().clientName("closing-it").build()).build();
        RedisClient<String> redis = RedisClient.create(config);
        redis.set("closing:k", "v");
        await().atMost(Duration.ofSeconds(5)).until(() -> group.sentinelNodes().stream()
                .allMatch(s -> ((String) s.call("CLIENT", "LIST")).contains("name=closing-it ")));
        assertThat(sentinelThreads()).isGreaterThan(before);

        redis.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> sentinelThreads() <= before);
        await().atMost(Duration.ofSeconds(5)).until(() -> group.nodes().stream().noneMatch(n ->
                ((String) n.call("CLIENT", "LIST")).contains("name=closing-it ")));
        await().atMost(Duration.ofSeconds(5)).until(() -> group.sentinelNodes().stream().noneMatch(s ->
                ((String) s.call("CLIENT", "LIST")).contains("name=closing-it ")));
    }

    @Test
    void aFrozenFirstSentinelDoesNotStopTheClientFollowingAFailover() {
        try (RedisSentinels group = RedisSentinels.start(2, 3)) {
            SentinelConfig config = SentinelConfig.builder().sentinels(group.sentinels())
                    .masterName(group.masterName()).build();
            try (RedisClient<String> redis = RedisClient.create(config)) {
                RedisNode first = group.sentinelNodes().get(0);
                first.freeze(); // asked first, and its events stop without FIN or RST
                try {
                    RedisNode old = group.primary();
                    List<RedisNode> others = group.sentinelNodes().subList(1, 3);
                    others.get(0).call("SENTINEL", "FAILOVER", group.masterName());
                    await().atMost(Duration.ofSeconds(15)).until(() -> redis.pool().config().port() != old.port());
                    redis.set("frozen-sentinel:k", "v");
                    HostAndPort now = new HostAndPort(redis.pool().config().host(), redis.pool().config().port());
                    // the client may switch before the sentinels announce it; they then agree with it
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(others.get(1).call(
                            "SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName()))
                            .isEqualTo(List.of(now.host(), Integer.toString(now.port()))));
                } finally {
                    first.thaw();
                }
            }
        }
    }
}
