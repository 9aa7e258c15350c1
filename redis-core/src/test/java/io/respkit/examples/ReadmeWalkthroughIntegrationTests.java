package io.respkit.examples;

import io.respkit.DedicatedConnection;
import io.respkit.PipelineOptions;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.BitFieldArgs;
import io.respkit.commands.BitFieldOverflow;
import io.respkit.commands.BitFieldType;
import io.respkit.commands.GeoCoordinates;
import io.respkit.commands.GeoResult;
import io.respkit.commands.GeoSearchArgs;
import io.respkit.commands.GeoUnit;
import io.respkit.commands.KeyValue;
import io.respkit.commands.ListDirection;
import io.respkit.commands.ScoredValue;
import io.respkit.commands.SetArgs;
import io.respkit.commands.StreamBound;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamOffset;
import io.respkit.commands.XAddArgs;
import io.respkit.commands.XReadArgs;
import io.respkit.commands.XTrimArgs;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's walkthrough of the seed tutorial, run as written against a password-protected server ("1234", as in
 * the tutorial). If this test changes, the README changes with it.
 */
class ReadmeWalkthroughIntegrationTests {

    private static RedisProcess server;
    private static RedisClient<String> conn;

    @BeforeAll
    static void start() {
        server = RedisProcess.start("--requirepass", "1234");
        conn = RedisClient.create("redis://:1234@127.0.0.1:" + server.port() + "/0");
    }

    @AfterAll
    static void stop() {
        conn.close();
        server.close();
    }

    @BeforeEach
    void flush() {
        conn.flushdb();
    }

    @Test
    void connectByParametersAndByUrl() {
        // by parameters (redis.Redis(host=..., port=..., password=..., db=0, encoding='utf-8', decode_responses=True))
        RedisConfig config = RedisConfig.builder().host("127.0.0.1").port(server.port()).password("1234")
                .database(0).charset(StandardCharsets.UTF_8).build();
        try (RedisClient<String> conn1 = RedisClient.create(config);
             RedisClient<String> conn2 = RedisClient.create("redis://:1234@127.0.0.1:" + server.port() + "/0")) {
            conn1.set("k1", "v1");
            assertThat(conn1.get("k1")).isEqualTo("v1");
            conn2.set("k2", "v2");
            assertThat(conn2.get("k2")).isEqualTo("v2");
            // decode_responses=False: raw bytes
            RedisClient<byte[]> raw = conn1.withCodec(ByteArrayCodec.INSTANCE);
            assertThat(raw.get("k1")).isEqualTo("v1".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void connectionPool() {
        RedisConfig config = RedisConfig.builder().host("127.0.0.1").port(server.port()).password("1234")
                .pool(PoolConfig.builder().maxTotal(100).build()).build();
        try (ConnectionPool pool = ConnectionPool.create(config)) {
            RedisClient<String> c = RedisClient.create(pool);
            c.set("k1", "v1");
            assertThat(c.get("k1")).isEqualTo("v1");
            assertThat(pool.stats().idle()).isEqualTo(1);
        }
    }

    @Test
    void keysStringsAndCounters() {
        conn.set("k1", "v1");
        assertThat(conn.keys("*")).containsExactly("k1");
        assertThat(conn.type("k1")).isEqualTo("string");
        assertThat(conn.exists("k1")).isEqualTo(1);
        assertThat(conn.exists("k8888")).isZero();
        conn.rename("k1", "k11");
        assertThat(conn.get("k11")).isEqualTo("v1");
        conn.set("k1", "v1", SetArgs.ex(10));
        assertThat(conn.ttl("k1")).isBetween(1L, 10L);
        conn.persist("k1");
        assertThat(conn.ttl("k1")).isEqualTo(-1);

        assertThat(conn.getset("k1", "v11")).isEqualTo("v1");
        conn.setnx("k3", "v3");
        conn.mset(Map.of("k1", "v1", "k2", "v2"));
        assertThat(conn.mget("k1", "k2")).containsExactly("v1", "v2");

        conn.set("num", "1");
        assertThat(conn.incrby("num", 1000)).isEqualTo(1001);
        assertThat(conn.decrby("num", 8)).isEqualTo(993);
        assertThat(conn.flushall()).isTrue();
        assertThat(conn.dbsize()).isZero();
    }

    @Test
    void geoHyperLogLogBitmapsLcs() {
        conn.geoadd("sicily", 13.361389, 38.115556, "Palermo");
        conn.geoadd("sicily", Map.of("Catania", GeoCoordinates.of(15.087269, 37.502669)));
        assertThat(conn.geodist("sicily", "Palermo", "Catania", GeoUnit.KM)).isEqualTo(166.2742);
        List<GeoResult<String>> near = conn.geosearch("sicily",
                GeoSearchArgs.fromLonLat(15, 37).byRadius(200, GeoUnit.KM).asc().withDist());
        assertThat(near).extracting(GeoResult::member).containsExactly("Catania", "Palermo");
        assertThat(near.get(0).distance()).isEqualTo(56.4413);
        assertThat(conn.pfadd("visitors", "alice", "bob", "alice")).isTrue();
        assertThat(conn.pfcount("visitors")).isEqualTo(2);
        assertThat(conn.setbit("seen", 7, true)).isFalse();
        assertThat(conn.bitcount("seen")).isEqualTo(1);
        assertThat(conn.bitfield("c", BitFieldArgs.NONE.overflow(BitFieldOverflow.SAT)
                .incrby(BitFieldType.unsigned(8), 0, 300))).containsExactly(255L);
        conn.set("a", "ohmytext");
        conn.set("b", "mynewtext");
        assertThat(conn.lcs("a", "b")).isEqualTo("mytext");
    }

    @Test
    void hashesListsSetsSortedSets() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("id", "1");
        data.put("user", "zhangsan");
        data.put("age", "18");
        conn.hset("user1", data);
        assertThat(conn.hgetall("user1")).containsExactlyEntriesOf(data);
        assertThat(conn.hincrby("user1", "age", 10)).isEqualTo(28);
        conn.expire("user1", Duration.ofSeconds(8));

        conn.lpush("l1", "a", "b", "c", "d");
        assertThat(conn.lrange("l1", 0, -1)).containsExactly("d", "c", "b", "a");

        conn.sadd("s1", "a", "b", "c");
        assertThat(conn.smove("s1", "s2", "w")).isFalse();
        assertThat(conn.smove("s1", "s2", "a")).isTrue();

        conn.zadd("score", Map.of("zhangsan", 108.0, "likai", 99.0, "wangkai", 100.0, "zhaokai", 102.0));
        assertThat(conn.zrange("score", 0, -1)).containsExactly("likai", "wangkai", "zhaokai", "zhangsan");
        assertThat(conn.zrank("score", "zhangsan")).isEqualTo(3);
        assertThat(conn.zrangeByScoreWithScores("score", "-inf", "+inf")).first()
                .isEqualTo(new ScoredValue<>("likai", 99.0));
        assertThat(conn.zrevrangeByScore("score", 120, 100)).containsExactly("zhangsan", "zhaokai", "wangkai");
    }

    @Test
    void queueWithBrpop() {
        conn.lpush("my_queue", "root");
        conn.lpush("my_queue", "admin");
        KeyValue<String> q1 = conn.brpop(Duration.ofSeconds(5), "my_queue");
        assertThat(q1).isEqualTo(new KeyValue<>("my_queue", "root"));
        assertThat(conn.brpop(Duration.ofSeconds(5), "my_queue").value()).isEqualTo("admin");
        assertThat(conn.brpop(Duration.ofSeconds(1), "my_queue")).isNull(); // nothing left: null after the timeout
    }

    @Test
    void queueWorkerOnADedicatedConnection() {
        conn.lpush("my_queue", "root");
        try (DedicatedConnection<String> worker = conn.dedicatedConnection()) {   // outside the pool
            String job = worker.blmove("my_queue", "my_queue:processing", ListDirection.RIGHT, ListDirection.LEFT,
                    Duration.ofSeconds(5));
            assertThat(job).isEqualTo("root");
            assertThat(conn.lrange("my_queue:processing", 0, -1)).containsExactly("root");
            assertThat(worker.lrem("my_queue:processing", 1, job)).isEqualTo(1);
        }
        assertThat(conn.exists("my_queue", "my_queue:processing")).isZero();
    }

    @Test
    void streamsAndConsumerGroups() {
        StreamEntryId first = conn.xadd("events", Map.of("type", "login"));
        conn.xadd("events", Map.of("type", "logout"),
                XAddArgs.NONE.withTrim(XTrimArgs.maxLen(10_000).withApproximate()));
        assertThat(conn.xrange("events", StreamBound.unbounded(), StreamBound.unbounded(), 100))
                .extracting(StreamEntry::id).startsWith(first).hasSize(2);
        assertThat(conn.xgroupCreate("events", "workers", StreamEntryId.MIN)).isTrue();
        List<StreamEntry<String>> batch = conn.xreadgroup("workers", "w1",
                XReadArgs.count(10).withBlock(Duration.ofSeconds(5)), "events", StreamOffset.undelivered());
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).fields()).isEqualTo(Map.of("type", "login"));
        assertThat(conn.xack("events", "workers", batch.get(0).id())).isEqualTo(1);
        assertThat(conn.xpending("events", "workers").count()).isEqualTo(1);
        assertThat(conn.xautoclaim("events", "workers", "w2", Duration.ofMinutes(1), StreamEntryId.MIN).claimed())
                .isEmpty(); // the pending entry is not a minute idle yet
    }

    @Test
    void publishSubscribe() {
        try (Subscriber<String> radio = conn.subscriber()) {
            radio.subscribe("fm97.5", "fm77.5");
            List<PubSubMessage<String>> confirmations = List.of(radio.next(Duration.ofSeconds(2)),
                    radio.next(Duration.ofSeconds(2)));
            assertThat(confirmations).hasSize(2);
            conn.publish("fm97.5", "hello");
            assertThat(radio.next(Duration.ofSeconds(2))).isEqualTo(new Message<>("fm97.5", "hello"));
        }
    }

    @Test
    void pipelinesInBothErrorModes() {
        List<Object> res = conn.pipelined(pipe -> {
            pipe.set("k1", "v1");
            pipe.set("k2", "v2");
            pipe.set("k3", "v3");
            pipe.set("k4", "v4");
        });
        assertThat(res).containsExactly(true, true, true, true);
        assertThat(conn.pipelined(pipe -> {
            pipe.get("k1");
            pipe.get("k2");
            pipe.get("k3");
            pipe.get("k4");
        })).containsExactly("v1", "v2", "v3", "v4");

        conn.set("mykey", "hello");
        // raise on error (default): every reply is read, then the first failure is thrown
        assertThatThrownBy(() -> conn.pipelined(pipe -> {
            pipe.set("key1", "value1");
            pipe.lpush("mykey", "item");
            pipe.set("key2", "value2");
        })).isInstanceOfSatisfying(RedisPipelineException.class, e -> {
            assertThat(e.index()).isEqualTo(1);
            assertThat(e.code()).isEqualTo("WRONGTYPE");
            assertThat(e.results()).first().isEqualTo(true);
        });
        // errors as values
        List<Object> results = conn.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), pipe -> {
            pipe.set("key1", "value1");
            pipe.lpush("mykey", "item");
            pipe.set("key2", "value2");
        });
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            printed.add(results.get(i) instanceof RedisServerException e ? "Command " + i + " failed: " + e.code()
                    : "Command " + i + " succeeded: " + results.get(i));
        }
        assertThat(printed).containsExactly("Command 0 succeeded: true", "Command 1 failed: WRONGTYPE",
                "Command 2 succeeded: true");
    }
}
