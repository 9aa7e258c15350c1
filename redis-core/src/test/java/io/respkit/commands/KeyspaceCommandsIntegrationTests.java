package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.Response;
import io.respkit.TransactionResult;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class KeyspaceCommandsIntegrationTests {

    private RedisServer server;
    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        this.server = server;
        redis = RedisClient.create(server.config());
        redis.execute("FLUSHALL");
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private RedisClient<String> client(RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void sortWithEveryOption(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.rpush("ids", "3", "1", "2", "10");
            client.mset(Map.of("w_1", "30", "w_2", "20", "w_3", "10", "w_10", "40"));
            client.mset(Map.of("name_1", "one", "name_2", "two", "name_3", "three"));
            client.hset("h_1", Map.of("f", "x1"));

            assertThat(client.sort("ids")).containsExactly("1", "2", "3", "10");
            assertThat(client.sort("ids", SortArgs.NONE.desc())).containsExactly("10", "3", "2", "1");
            assertThat(client.sort("ids", SortArgs.NONE.alpha())).containsExactly("1", "10", "2", "3");
            assertThat(client.sort("ids", SortArgs.NONE.limit(1, 2))).containsExactly("2", "3");
            assertThat(client.sort("ids", SortArgs.NONE.limit(2, -1))).containsExactly("3", "10");
            assertThat(client.sort("ids", SortArgs.NONE.by("w_*"))).containsExactly("3", "2", "1", "10");
            assertThat(client.sort("ids", SortArgs.NONE.by("w_*").desc().asc())).containsExactly("3", "2", "1", "10");
            assertThat(client.sort("ids", SortArgs.NONE.noSort())).containsExactly("3", "1", "2", "10");
            assertThat(client.sort("ids", SortArgs.NONE.get("#").get("name_*").limit(0, 2)))
                    .containsExactly("1", "one", "2", "two");
            assertThat(client.sort("ids", SortArgs.NONE.get("name_*").desc()))
                    .containsExactly(null, "three", "two", "one");
            assertThat(client.sort("ids", SortArgs.NONE.get("h_*->f").limit(0, 1))).containsExactly("x1");
            assertThat(client.sortReadOnly("ids", SortArgs.NONE.by("w_*").desc()))
                    .containsExactly("10", "1", "2", "3");
            assertThat(client.sort("missing")).isEmpty();

            assertThat(client.sortStore("ids", SortArgs.NONE.desc(), "sorted")).isEqualTo(4);
            assertThat(client.lrange("sorted", 0, -1)).containsExactly("10", "3", "2", "1");
            assertThat(client.sortStore("missing", SortArgs.NONE, "sorted")).isZero();
            assertThat(client.exists("sorted")).isZero();

            client.rpush("words", "b", "a");
            assertThatThrownBy(() -> client.sort("words"))
                    .isInstanceOf(RedisServerException.class);
            assertThat(client.sort("words", SortArgs.NONE.alpha())).containsExactly("a", "b");
            client.sadd("set", "5", "4");
            assertThat(client.sort("set")).containsExactly("4", "5");
        }
    }

    @Test
    void copyMoveAndTouch(RedisServer server) {
        redis.set("src", "v");
        assertThat(redis.copy("src", "dst")).isTrue();
        assertThat(redis.get("dst")).isEqualTo("v");
        redis.set("src", "v2");
        assertThat(redis.copy("src", "dst")).isFalse();
        assertThat(redis.copy("src", "dst", CopyArgs.NONE.replace())).isTrue();
        assertThat(redis.get("dst")).isEqualTo("v2");
        assertThat(redis.copy("none", "dst2")).isFalse();
        assertThat(redis.copy("src", "other", CopyArgs.NONE.toDatabase(1))).isTrue();
        try (RedisClient<String> db1 = RedisClient.create(server.configBuilder().database(1).build())) {
            assertThat(db1.get("other")).isEqualTo("v2");
            assertThat(redis.move("dst", 1)).isTrue();
            assertThat(db1.get("dst")).isEqualTo("v2");
            assertThat(redis.exists("dst")).isZero();
            redis.set("dst", "again");
            assertThat(redis.move("dst", 1)).isFalse();
            assertThat(redis.move("none", 1)).isFalse();
        }
        assertThatThrownBy(() -> redis.move("src", 0)).isInstanceOf(RedisServerException.class);
        assertThatThrownBy(() -> redis.move("src", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(redis.touch("src", "dst", "none")).isEqualTo(2);
        assertThat(redis.touch(List.of("none"))).isZero();
        assertThatThrownBy(() -> redis.touch(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void dumpAndRestoreWithEveryOption(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.hset("h", Map.of("a", "1", "b", "2"));
            byte[] dump = client.dump("h");
            assertThat(dump).isNotEmpty();
            assertThat(client.dump("none")).isNull();

            assertThat(client.restore("h2", dump)).isTrue();
            assertThat(client.hgetall("h2")).isEqualTo(Map.of("a", "1", "b", "2"));
            assertThat(client.ttl("h2")).isEqualTo(-1);
            assertThatThrownBy(() -> client.restore("h2", dump))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("BUSYKEY"));
            assertThat(client.restore("h2", dump, RestoreArgs.NONE.replace().ttl(Duration.ofSeconds(100)))).isTrue();
            assertThat(client.ttl("h2")).isBetween(90L, 100L);

            Instant at = Instant.now().plusSeconds(500).plusMillis(123);
            assertThat(client.restore("h3", dump, RestoreArgs.NONE.expireAt(at))).isTrue();
            assertThat(client.pexpiretime("h3")).isEqualTo(ExpireTime.at(Instant.ofEpochMilli(at.toEpochMilli())));

            assertThat(client.restore("h4", dump, RestoreArgs.NONE.idleTime(Duration.ofSeconds(1000)))).isTrue();
            assertThat(client.objectIdletime("h4")).isGreaterThanOrEqualTo(Duration.ofSeconds(1000));
            assertThat(client.restore("h5", dump, RestoreArgs.NONE.frequency(100))).isTrue();

            assertThatThrownBy(() -> client.restore("h6", "garbage".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(RedisServerException.class);
        }
    }

    @Test
    void dumpIsBinarySafeWithEveryCodec() {
        RedisClient<byte[]> bytes = redis.withCodec(ByteArrayCodec.INSTANCE);
        byte[] raw = {0, (byte) 0xff, (byte) 0xc3, 7};
        bytes.set("bin", raw);
        byte[] viaBytes = bytes.dump("bin");
        byte[] viaStrings = redis.dump("bin");
        assertThat(viaStrings).isEqualTo(viaBytes);
        assertThat(redis.restore("bin2", viaStrings)).isTrue();
        assertThat(bytes.get("bin2")).isEqualTo(raw);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void objectIntrospection(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.set("n", "12345");
            client.set("s", "short");
            client.hset("l", Map.of("f", "a"));
            assertThat(client.objectEncoding("n")).isEqualTo("int");
            assertThat(client.objectEncoding("s")).isEqualTo("embstr");
            assertThat(client.objectEncoding("l")).isEqualTo("listpack");
            assertThat(client.objectEncoding("none")).isNull();
            assertThat(client.objectRefcount("l")).isEqualTo(1L);
            assertThat(client.objectRefcount("none")).isNull();
            assertThat(client.objectIdletime("l")).isBetween(Duration.ZERO, Duration.ofSeconds(5));
            assertThat(client.objectIdletime("none")).isNull();
            assertThatThrownBy(() -> client.objectFreq("l")).isInstanceOf(RedisServerException.class);
            Map<String, String> before = client.configGet("maxmemory-policy");
            client.configSet("maxmemory-policy", "allkeys-lfu");
            try {
                assertThat(client.objectFreq("l")).isBetween(0L, 255L);
                assertThat(client.objectFreq("none")).isNull();
                assertThatThrownBy(() -> client.objectIdletime("l")).isInstanceOf(RedisServerException.class);
            } finally {
                client.configSet("maxmemory-policy", before.get("maxmemory-policy"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void expiretimeMapsMissingAndPersistentKeys(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            assertThat(client.expiretime("none")).isEqualTo(ExpireTime.NO_KEY);
            assertThat(client.pexpiretime("none")).isSameAs(ExpireTime.NO_KEY);
            client.set("k", "v");
            assertThat(client.expiretime("k")).isEqualTo(ExpireTime.NO_EXPIRY);
            assertThat(client.pexpiretime("k").hasExpiry()).isFalse();
            assertThat(client.pexpiretime("k").keyExists()).isTrue();
            Instant at = Instant.ofEpochMilli(System.currentTimeMillis() + 60_000 + 250);
            client.pexpireat("k", at);
            assertThat(client.pexpiretime("k")).isEqualTo(ExpireTime.at(at));
            // EXPIRETIME rounds to the nearest second
            assertThat(client.expiretime("k").at()).isEqualTo(Instant.ofEpochSecond((at.toEpochMilli() + 500) / 1000));
        }
    }

    @Test
    void waitWithoutReplicasReturnsZero() {
        assertThat(redis.waitReplicas(0, Duration.ofMillis(100))).isZero();
        long start = System.nanoTime();
        assertThat(redis.waitReplicas(1, Duration.ofMillis(200))).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThatThrownBy(() -> redis.waitReplicas(-1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pipelineTransactionAndAsync() {
        redis.rpush("p", "2", "1");
        redis.set("n", "7");
        List<Object> results = redis.pipelined(p -> {
            p.sort("p");
            p.sortReadOnly("p", SortArgs.NONE.desc());
            p.copy("p", "q");
            p.touch("p", "q");
            p.objectEncoding("n");
            p.expiretime("p");
            p.dump("none");
            p.waitReplicas(0, Duration.ofMillis(10));
        });
        assertThat(results).containsExactly(List.of("1", "2"), List.of("2", "1"), true, 2L, "int",
                ExpireTime.NO_EXPIRY, null, 0L);

        TransactionResult tx = redis.multi(t -> {
            t.sortStore("p", SortArgs.NONE, "r");
            t.dump("r");
            t.pexpiretime("none");
            t.copy("r", "q", CopyArgs.NONE.replace());
        });
        assertThat(tx.aborted()).isFalse();
        assertThat(tx.get(0)).isEqualTo(2L);
        assertThat(tx.get(1)).isInstanceOf(byte[].class);
        assertThat(tx.results().subList(2, 4)).containsExactly(ExpireTime.NO_KEY, true);
        byte[] dumped = (byte[]) tx.get(1);

        Response<Boolean> restored = redis.async().restore("s", dumped, RestoreArgs.NONE.replace());
        assertThat(restored.join()).isTrue();
        assertThat(redis.async().sort("s", SortArgs.NONE.desc()).join()).containsExactly("2", "1");
        assertThat(Arrays.equals(redis.async().dump("s").join(), dumped)).isTrue();
    }

    @Test
    void migrateOneOrSeveralKeysWithCopyReplaceAndAuth() {
        try (RedisProcess target = RedisProcess.start("--requirepass", "s3cret");
                RedisClient<String> there = RedisClient.create(target.configBuilder().password("s3cret").build())) {
            MigrateArgs auth = MigrateArgs.NONE.auth("s3cret");
            redis.set("m1", "one");
            assertThat(redis.migrate(target.host(), target.port(), 0, Duration.ofSeconds(5), auth, "m1")).isTrue();
            assertThat(redis.exists("m1")).isZero();
            assertThat(there.get("m1")).isEqualTo("one");

            redis.mset(Map.of("m1", "uno", "m2", "two"));
            assertThatThrownBy(() -> redis.migrate(target.host(), target.port(), 0, Duration.ofSeconds(5), auth,
                    "m1")).isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
            assertThat(redis.migrate(target.host(), target.port(), 1, Duration.ofSeconds(5),
                    MigrateArgs.NONE.auth("default", "s3cret").copy().replace(), List.of("m1", "m2", "none")))
                    .isTrue();
            assertThat(redis.mget("m1", "m2")).as("COPY keeps them here").containsExactly("uno", "two");
            try (RedisClient<String> there1 = RedisClient.create(target.configBuilder().password("s3cret")
                    .database(1).build())) {
                assertThat(there1.mget("m1", "m2")).containsExactly("uno", "two");
            }
            assertThat(redis.migrate(target.host(), target.port(), 0, Duration.ofSeconds(5), auth, "none"))
                    .isFalse();
            assertThatThrownBy(() -> redis.migrate(target.host(), target.port(), 0, Duration.ofSeconds(5),
                    MigrateArgs.NONE.auth("wrong"), "m2")).isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.getMessage()).doesNotContain("wrong"));
            assertThat(MigrateArgs.NONE.auth("user", "pw").toString()).doesNotContain("pw").doesNotContain("user");
        }
    }
}
