package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.Response;
import io.respkit.TransactionResult;
import io.respkit.protocol.RespVersion;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(RedisServerExtension.class)
class ServerCommandsIntegrationTests {

    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
        redis.flushall();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pingAndEcho(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.ping()).isEqualTo("PONG");
            assertThat(client.ping("hello")).isEqualTo("hello");
            assertThat(client.echo("héllo wörld")).isEqualTo("héllo wörld");
        }
    }

    @Test
    void selectSwitchesTheDatabaseOfOneConnection() {
        redis.set("k", "db0");
        String seenInDb1 = redis.withConnection(c -> {
            assertThat(c.select(1)).isTrue();
            String before = c.get("k");
            c.set("k", "db1");
            assertThat(c.dbsize()).isEqualTo(1);
            assertThat(c.select(0)).isTrue();
            assertThat(c.get("k")).isEqualTo("db0");
            c.select(1);
            return before;
        });
        assertThat(seenInDb1).isNull();
        // the connection was left on database 1: the pool destroyed it, so this runs on database 0
        assertThat(redis.get("k")).isEqualTo("db0");
        String inDb1 = redis.withConnection(c -> {
            c.select(1);
            return c.get("k");
        });
        assertThat(inDb1).isEqualTo("db1");
        Boolean flushed = redis.withConnection(c -> {
            c.select(1);
            return c.flushdb();
        });
        assertThat(flushed).isTrue();
    }

    @Test
    void selectThroughThePooledClientHasNoLastingEffect() {
        redis.set("k", "db0");
        long destroyedBefore = redis.pool().stats().destroyed();
        assertThat(redis.select(2)).isTrue();
        assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyedBefore + 1);
        assertThat(redis.get("k")).isEqualTo("db0");
        assertThatThrownBy(() -> redis.select(1000))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
    }

    @Test
    void selectInAPipelineAppliesToTheCommandsQueuedAfterIt() {
        List<Object> results = redis.pipelined(p -> {
            p.select(3);
            p.set("x", "in3");
        });
        assertThat(results).containsExactly(true, true);
        assertThat(redis.exists("x")).isZero();
        String inDb3 = redis.withConnection(c -> {
            c.select(3);
            String v = c.get("x");
            c.flushdb();
            return v;
        });
        assertThat(inDb3).isEqualTo("in3");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void infoIsParsedIntoSections(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            client.set("k", "v");
            ServerInfo server0 = client.info("server");
            assertThat(server0.get("server", "redis_version")).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(server0.get("Server", "tcp_port")).isEqualTo(Integer.toString(server.port()));
            assertThat(server0.sections()).containsOnlyKeys("server");
            assertThat(server0.section("clients")).isEmpty();

            ServerInfo all = client.info();
            assertThat(all.sections()).containsKeys("server", "clients", "memory", "keyspace");
            assertThat(all.get("keyspace", "db0")).startsWith("keys=1,");
            assertThat(Long.parseLong(all.get("connected_clients"))).isPositive();

            ServerInfo two = client.info("server", "clients");
            assertThat(two.sections()).containsOnlyKeys("server", "clients");
            assertThat(two.get("clients", "connected_clients")).isNotNull();
        }
    }

    @Test
    void infoParsingKeepsOrderAndSkipsOddLines() {
        ServerInfo info = ServerInfo.parse("# Server\r\nredis_version:7.0.15\r\nos:Linux 6.1 x86_64\r\n\r\n"
                + "# Keyspace\r\ndb0:keys=3,expires=0,avg_ttl=0\r\nnot a field\r\n");
        assertThat(info.sections()).containsOnlyKeys("server", "keyspace");
        assertThat(info.section("SERVER")).containsExactly(Map.entry("redis_version", "7.0.15"),
                Map.entry("os", "Linux 6.1 x86_64"));
        assertThat(info.get("keyspace", "db0")).isEqualTo("keys=3,expires=0,avg_ttl=0");
        assertThat(info.get("os")).isEqualTo("Linux 6.1 x86_64");
        assertThat(info.get("server", "missing")).isNull();
        assertThat(info.get("missing")).isNull();
        assertThatThrownBy(() -> info.sections().put("x", Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ServerInfo.parse("").sections()).isEmpty();
    }

    @Test
    void timeIsCloseToNow() {
        Instant time = redis.time();
        assertThat(Duration.between(time, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(time.getNano() % 1000).isZero();
        assertThat(redis.time()).isAfterOrEqualTo(time);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void configGet(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            Map<String, String> maxclients = client.configGet("maxclients");
            assertThat(maxclients).containsOnlyKeys("maxclients");
            assertThat(Long.parseLong(maxclients.get("maxclients"))).isPositive();
            assertThat(client.configGet("max*")).containsKeys("maxclients", "maxmemory", "maxmemory-policy");
            assertThat(client.configGet("no-such-parameter")).isEmpty();
        }
    }

    @Test
    void configSetChangesParameters() {
        String policy = redis.configGet("maxmemory-policy").get("maxmemory-policy");
        String samples = redis.configGet("maxmemory-samples").get("maxmemory-samples");
        try {
            assertThat(redis.configSet("maxmemory-policy", "allkeys-lru")).isTrue();
            assertThat(redis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
            Map<String, String> both = new LinkedHashMap<>();
            both.put("maxmemory-policy", "volatile-ttl");
            both.put("maxmemory-samples", "7");
            assertThat(redis.configSet(both)).isTrue();
            assertThat(redis.configGet("maxmemory-*")).containsEntry("maxmemory-policy", "volatile-ttl")
                    .containsEntry("maxmemory-samples", "7");
            assertThatThrownBy(() -> redis.configSet("no-such-parameter", "1"))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
        } finally {
            redis.configSet(Map.of("maxmemory-policy", policy, "maxmemory-samples", samples));
        }
        assertThat(redis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", policy);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clientNameIdAndList(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            long otherId = client.clientId();
            assertThat(otherId).isPositive();
            String list = client.withConnection(c -> {
                assertThat(c.clientGetName()).isNull();
                assertThat(c.clientSetName("worker-1")).isTrue();
                assertThat(c.clientGetName()).isEqualTo("worker-1");
                long id = c.clientId();
                assertThat(c.clientId()).isEqualTo(id);
                String clients = c.clientList();
                assertThat(clients).contains("id=" + id + " ").contains("name=worker-1");
                assertThat(c.clientSetName("")).isTrue();
                assertThat(c.clientGetName()).isNull();
                return clients;
            });
            assertThat(list.lines().count()).isPositive();
            assertThatThrownBy(() -> client.clientSetName("has space"))
                    .isInstanceOf(RedisServerException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void publishAndPubsubIntrospection(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.publish("nobody-listens", "hello")).isZero();
            assertThat(client.pubsubChannels()).isEmpty();
            assertThat(client.pubsubNumsub("news.tech")).containsExactly(Map.entry("news.tech", 0L));

            try (Subscriber<String> sub = client.subscriber()) {
                sub.subscribe("news.tech", "sport");
                List<PubSubMessage<String>> events = new ArrayList<>();
                events.add(sub.next(Duration.ofSeconds(2)));
                events.add(sub.next(Duration.ofSeconds(2)));
                assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOf(SubscriptionEvent.class));

                assertThat(client.pubsubChannels()).containsExactlyInAnyOrder("news.tech", "sport");
                assertThat(client.pubsubChannels("news.*")).containsExactly("news.tech");
                assertThat(client.pubsubNumsub("sport", "news.tech", "nobody"))
                        .containsExactly(Map.entry("sport", 1L), Map.entry("news.tech", 1L), Map.entry("nobody", 0L));
                assertThat(client.pubsubNumsub(List.of("sport"))).containsExactly(Map.entry("sport", 1L));
                assertThat(client.publish("sport", "goal")).isEqualTo(1);
                assertThat(sub.next(Duration.ofSeconds(2))).isEqualTo(new io.respkit.pubsub.Message<>("sport", "goal"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void serverCommandsInPipeline(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            List<Response<?>> handles = new ArrayList<>();
            List<Object> results = client.pipelined(p -> {
                handles.add(p.ping());
                handles.add(p.ping("hi"));
                handles.add(p.echo("echoed"));
                handles.add(p.time());
                handles.add(p.info("server"));
                handles.add(p.configGet("maxclients"));
                handles.add(p.clientId());
                handles.add(p.clientGetName());
                handles.add(p.publish("nobody", "x"));
                handles.add(p.pubsubChannels("nobody*"));
                handles.add(p.pubsubNumsub("nobody"));
            });
            assertThat(results).hasSize(11);
            assertThat(results.subList(0, 3)).containsExactly("PONG", "hi", "echoed");
            assertThat((Instant) results.get(3)).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
            assertThat(((ServerInfo) results.get(4)).get("server", "redis_version")).isNotBlank();
            assertThat(results.get(5)).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("maxclients");
            assertThat((Long) results.get(6)).isPositive();
            assertThat(results.subList(7, 11)).containsExactly(null, 0L, List.of(), Map.of("nobody", 0L));
            assertThat(handles.get(2).get()).isEqualTo("echoed");
        }
    }

    @Test
    void serverCommandsInTransaction() {
        TransactionResult tx = redis.multi(t -> {
            t.ping();
            t.echo("in tx");
            t.configGet("maxclients");
            t.publish("nobody", "x");
            t.clientGetName();
        });
        assertThat(tx.aborted()).isFalse();
        assertThat(tx.results()).hasSize(5);
        assertThat(tx.results().subList(0, 2)).containsExactly("PONG", "in tx");
        assertThat(tx.get(2)).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("maxclients");
        assertThat(tx.results().subList(3, 5)).containsExactly(0L, null);
    }
}
