package io.respkit.sentinel;

import io.respkit.RedisClient;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisDurabilityException;
import io.respkit.test.HostileServer;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
}
