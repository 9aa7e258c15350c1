package io.respkit.sentinel;

import io.respkit.RedisClient;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisDurabilityException;
import io.respkit.Response;
import io.respkit.test.HostileServer;
import io.respkit.test.RedisNode;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Review of issue 13: scenarios the Sentinel support gets wrong; each test fails on f6a674b. */
@SentinelTest
class SentinelReviewIntegrationTests {

    private static SentinelConfig.Builder config(RedisSentinels group, String clientName) {
        return SentinelConfig.builder().sentinels(group.sentinels()).masterName(group.masterName())
                .nodeConfig(RedisConfig.builder().clientName(clientName).build());
    }

    /**
     * docs/sentinel.md and DurableWrites promise a WAIT after each write of the typed API; a script that writes
     * (EVAL, EVALSHA, FCALL: their specs carry no write flag) is acknowledged without any replica confirming it.
     */
    @Test
    void durableWritesAlsoWaitForAWritingScript(RedisSentinels group) {
        try (RedisClient<String> three = RedisClient.create(config(group, "durable-eval")
                .durableWrites(new DurableWrites(3, Duration.ofMillis(100))).build())) {
            assertThatThrownBy(() -> three.set("review:eval", "1")).isInstanceOf(RedisDurabilityException.class);
            assertThatThrownBy(() -> three.eval("return redis.call('SET', KEYS[1], ARGV[1])",
                    List.of("review:eval"), List.of("2")))
                    .isInstanceOf(RedisDurabilityException.class);
        } finally {
            group.primary().call("DEL", "review:eval");
        }
    }

    private static boolean eventReaderAlive(HostileServer s) {
        String name = "respkit-sentinel-events-" + new HostAndPort(s.host(), s.port());
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    /**
     * A sentinel whose event stream carries one malformed pmessage (two elements) kills the thread reading its
     * events for good: SentinelEvents.Reader catches RedisException only, and the IndexOutOfBoundsException from
     * PubSubFrames escapes. That sentinel's +selected-slave / +switch-master are never read again, no reconnect.
     */
    @Test
    void aMalformedEventDoesNotEndTheReadingOfThatSentinelsEvents(RedisSentinels group) throws Exception {
        try (HostileServer bad = HostileServer.start()) {
            bad.answerNext("PSUBSCRIBE", HostileServer.script()
                    .send("*3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:1\r\n")
                    .send("*2\r\n$8\r\npmessage\r\n$1\r\n*\r\n"));
            List<HostAndPort> sentinels = new ArrayList<>(group.sentinels());
            sentinels.add(new HostAndPort(bad.host(), bad.port()));
            SentinelConfig config = SentinelConfig.builder().sentinels(sentinels).masterName(group.masterName())
                    .build();
            try (RedisClient<String> redis = RedisClient.create(config)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> bad.scriptsPlayed() == 1);
                assertThat(redis.ping()).isEqualTo("PONG");
                // the reader either keeps reading or reconnects; it must not be gone
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> eventReaderAlive(bad) || bad.acceptedConnections() > 2);
            }
        }
    }

    private static String resp(String... parts) {
        StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            sb.append('$').append(p.length()).append("\r\n").append(p).append("\r\n");
        }
        return sb.toString();
    }

    /**
     * docs/sentinel.md: while a failover is promoting a replica, "pool borrows and multiplexed calls wait" and async()
     * follows the primary. But AsyncCommands goes through Multiplexer.submit, which never calls awaitSettled: during
     * the hold an async write goes straight to the primary about to be demoted (the window the hold exists to close).
     */
    @Test
    void asyncCommandsAreHeldDuringAPromotionLikeSyncOnes(RedisSentinels group) throws Exception {
        RedisNode replica = group.replicas().get(0);
        String p = Integer.toString(replica.port());
        String payload = "slave 127.0.0.1:" + p + " 127.0.0.1 " + p + " @ " + group.masterName() + " 127.0.0.1 "
                + group.primary().port();
        try (HostileServer leader = HostileServer.start()) {
            // a sentinel announcing that it selected a replica (which here never becomes primary: the hold expires)
            leader.answerNext("PSUBSCRIBE", HostileServer.script()
                    .send("*3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:1\r\n")
                    .send(resp("pmessage", "*", "+selected-slave", payload)));
            List<HostAndPort> sentinels = new ArrayList<>(group.sentinels());
            sentinels.add(new HostAndPort(leader.host(), leader.port()));
            SentinelConfig config = SentinelConfig.builder().sentinels(sentinels).masterName(group.masterName())
                    .nodeConfig(RedisConfig.builder().timeout(Duration.ofSeconds(3)).build()).build();
            try (RedisClient<String> redis = RedisClient.create(config)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> leader.scriptsPlayed() == 1);
                await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
                CompletableFuture<Long> sync = CompletableFuture.supplyAsync(() -> {
                    long t = System.nanoTime();
                    redis.set("review:hold-sync", "1");
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
                });
                long t = System.nanoTime();
                Response<Boolean> async = redis.async().set("review:hold-async", "1");
                async.get();
                long asyncMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
                assertThat(sync.get(10, TimeUnit.SECONDS)).as("a synchronous SET was held (ms)").isGreaterThan(1000);
                assertThat(asyncMillis).as("an async SET during the same hold (ms)").isGreaterThan(1000);
            } finally {
                group.primary().call("DEL", "review:hold-sync", "review:hold-async");
            }
        }
    }

    /**
     * Multiplexer.retire closes the connection to the old primary on a common-pool timer (2 x timeout + 100 ms);
     * Multiplexer.close() does not know it, so a client closed after a failover leaves that connection open on the
     * old primary for up to 2 x timeout.
     */
    @Test
    void closingTheClientAfterAFailoverClosesTheRetiredMultiplexedConnection() {
        try (RedisSentinels own = RedisSentinels.start(2, 3)) {
            RedisNode old = own.primary();
            SentinelConfig config = SentinelConfig.builder().sentinels(own.sentinels()).masterName(own.masterName())
                    .nodeConfig(RedisConfig.builder().clientName("review-retired").multiplexed(true)
                            .timeout(Duration.ofSeconds(10)).build()).build();
            RedisClient<String> redis = RedisClient.create(config);
            try {
                redis.set("review:retired", "v");
                own.failover();
                await().atMost(Duration.ofSeconds(15)).until(() -> redis.pool().config().port() != old.port());
                redis.get("review:retired"); // opens the connection to the new primary, retires the old one
            } finally {
                redis.close();
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(((String) old.call("CLIENT",
                    "LIST")).lines().filter(l -> l.contains("name=review-retired ")).toList()).isEmpty());
        }
    }

    /**
     * Only the leader announces +selected-slave, but every sentinel that tried to lead the same failover and lost
     * the vote announces -failover-abort-not-elected once its election timeout passes. SentinelWatcher.handle treats
     * any ABORTED, from any sentinel, as the end of the promotion being watched: the hold is released and commands go
     * to the old primary while the leader is still promoting.
     */
    @Test
    void aLosingSentinelsAbortDoesNotReleaseTheLeadersHold(RedisSentinels group) throws Exception {
        RedisNode replica = group.replicas().get(0);
        String p = Integer.toString(replica.port());
        String mp = Integer.toString(group.primary().port());
        String selected = "slave 127.0.0.1:" + p + " 127.0.0.1 " + p + " @ " + group.masterName() + " 127.0.0.1 " + mp;
        String notElected = "master " + group.masterName() + " 127.0.0.1 " + mp;
        try (HostileServer leader = HostileServer.start(); HostileServer loser = HostileServer.start()) {
            leader.answerNext("PSUBSCRIBE", HostileServer.script()
                    .send("*3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:1\r\n")
                    .send(resp("pmessage", "*", "+selected-slave", selected)));
            List<HostAndPort> sentinels = new ArrayList<>(group.sentinels());
            sentinels.add(new HostAndPort(leader.host(), leader.port()));
            sentinels.add(new HostAndPort(loser.host(), loser.port()));
            SentinelConfig config = SentinelConfig.builder().sentinels(sentinels).masterName(group.masterName())
                    .nodeConfig(RedisConfig.builder().timeout(Duration.ofSeconds(3)).build()).build();
            // the loser's abort comes ~400 ms after its subscription, after the leader's selection
            byte[] abort = resp("pmessage", "*", "-failover-abort-not-elected", notElected)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            loser.answerNext("PSUBSCRIBE", HostileServer.script()
                    .send("*3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:1\r\n")
                    .sendInChunks(abort, abort.length - 1, Duration.ofMillis(400)));
            try (RedisClient<String> redis = RedisClient.create(config)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> leader.scriptsPlayed() == 1
                        && loser.scriptsPlayed() == 1);
                await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(1)).until(() -> true);
                long t = System.nanoTime();
                redis.set("review:abort", "1");
                long heldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
                assertThat(heldMillis).as("SET during the leader's promotion (ms)").isGreaterThan(500);
            } finally {
                group.primary().call("DEL", "review:abort");
            }
        }
    }

    /**
     * After a failover the old primary keeps saying ROLE master until the sentinels convert it (about 8 s on a
     * planned failover). One sentinel that still names it (lagging, or cut off from the others but not from the
     * client) is enough: SentinelWatcher.check trusts the first sentinel that answers and, the new primary being
     * confirmed, switches back to the old one, whose writes are then lost.
     */
    @Test
    void oneLaggingSentinelDoesNotMoveTheClientBackToTheOldPrimary() throws Exception {
        try (RedisSentinels own = RedisSentinels.start(2, 3)) {
            HostAndPort real = own.sentinels().get(0);
            try (HostileServer lagging = HostileServer.proxyTo(real.host(), real.port())) {
                List<HostAndPort> sentinels = new ArrayList<>();
                sentinels.add(new HostAndPort(lagging.host(), lagging.port()));
                sentinels.addAll(own.sentinels().subList(1, 3));
                SentinelConfig config = SentinelConfig.builder().sentinels(sentinels).masterName(own.masterName())
                        .build();
                RedisNode old = own.primary();
                try (RedisClient<String> redis = RedisClient.create(config)) {
                    own.failover();
                    await().atMost(Duration.ofSeconds(15)).until(() -> redis.pool().config().port() != old.port());
                    // the sentinels named the new primary meanwhile: the switch is confirmed
                    await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> true);
                    String port = Integer.toString(old.port());
                    for (int i = 0; i < 20; i++) {
                        lagging.answerNext("SENTINEL", HostileServer.script().send("*2\r\n$9\r\n127.0.0.1\r\n$"
                                + port.length() + "\r\n" + port + "\r\n"));
                    }
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                            .until(() -> redis.pool().config().port() != old.port());
                }
            }
        }
    }
}
