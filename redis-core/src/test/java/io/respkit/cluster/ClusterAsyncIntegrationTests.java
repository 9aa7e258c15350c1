package io.respkit.cluster;

import io.respkit.ClusterAsyncCommands;
import io.respkit.RedisClusterClient;
import io.respkit.Response;
import io.respkit.commands.KeyValue;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.internal.cluster.SlotHash;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The asynchronous API on the shared 3 + 3 cluster: every slot, fan-out, refusals, cancelled blocking pops. */
@ClusterTest
class ClusterAsyncIntegrationTests {

    private RedisCluster cluster;

    @BeforeEach
    void flush(RedisCluster cluster) {
        this.cluster = cluster;
        cluster.flushAll();
    }

    private RedisClusterClient<String> client() {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds()).build());
    }

    /** One key per hash slot, 16384 in all, found by hashing candidates locally. */
    static List<String> keyInEverySlot() {
        String[] keys = new String[SlotHash.SLOTS];
        int found = 0;
        for (int i = 0; found < keys.length; i++) {
            String key = "slot-key:" + i;
            int slot = SlotHash.slot(key, StandardCharsets.UTF_8);
            if (keys[slot] == null) {
                keys[slot] = key;
                found++;
            }
        }
        return List.of(keys);
    }

    @Test
    void setsAndGetsOverEverySlotAllComplete() {
        List<String> keys = keyInEverySlot();
        try (RedisClusterClient<String> redis = client()) {
            ClusterAsyncCommands<String> async = redis.async();
            List<Response<Boolean>> sets = new ArrayList<>(keys.size());
            for (String key : keys) {
                sets.add(async.set(key, "value-of-" + key));
            }
            CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (Response<Boolean> set : sets) {
                assertThat(set.get()).isTrue();
            }
            List<Response<String>> gets = new ArrayList<>(keys.size());
            for (String key : keys) {
                gets.add(async.get(key));
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(gets.get(i).get()).isEqualTo("value-of-" + keys.get(i));
            }
            // each landed on its slot's owner: the primaries hold them all between them
            long total = 0;
            for (ClusterNode primary : cluster.primaries()) {
                total += (Long) primary.call("DBSIZE");
            }
            assertThat(total).isEqualTo(keys.size());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fanOutAndSplitCommandsMergeTheirReplies() {
        try (RedisClusterClient<String> redis = client()) {
            ClusterAsyncCommands<String> async = redis.async();
            List<Response<Boolean>> sets = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sets.add(async.set("fan:" + i, Integer.toString(i)));
            }
            sets.forEach(Response::get);
            assertThat(async.dbsize().get()).isEqualTo(300L);
            assertThat(new HashSet<>(async.keys("fan:*").get())).hasSize(300).contains("fan:0", "fan:299");
            assertThat(async.mget("fan:1", "fan:2", "fan:3", "missing").get()).containsExactly("1", "2", "3", null);
            assertThat(async.del("fan:1", "fan:2", "fan:3").get()).isEqualTo(3L);
            assertThat(async.ping().get()).isEqualTo("PONG");
        }
    }

    @Test
    void aCrossSlotCommandFailsAtOnceWithoutSending() {
        try (RedisClusterClient<String> redis = client()) {
            redis.set("{a}:src", "v");
            assertThat(SlotHash.slot("{a}", StandardCharsets.UTF_8))
                    .isNotEqualTo(SlotHash.slot("{b}", StandardCharsets.UTF_8));
            Response<Boolean> rename = redis.async().rename("{a}:src", "{b}:dst");
            assertThat(rename).isCompletedExceptionally(); // refused before anything was sent
            assertThatThrownBy(rename::get).isInstanceOf(RedisCrossSlotException.class);
            assertThat(rename.failure()).isInstanceOf(RedisCrossSlotException.class);
            assertThat(redis.get("{a}:src")).isEqualTo("v");
            assertThat(redis.exists("{b}:dst")).isZero();
        }
    }

    @Test
    void aCancelledBlockingPopLosesNoItem() {
        String key = "{pop}:list";
        try (RedisClusterClient<String> redis = client()) {
            ClusterNode owner = cluster.primaryOf(SlotHash.slot(key, StandardCharsets.UTF_8));
            long blockedBefore = blockedClients(owner);
            Response<KeyValue<String>> pop = redis.async().blpop(Duration.ZERO, key);
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedClients(owner) > blockedBefore);
            assertThat(pop.cancel(true)).isTrue();
            redis.rpush(key, "item");
            // unblocked before it took the item, or the item was put back: either way it stays in the list
            await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(500))
                    .until(() -> redis.lrange(key, 0, -1).equals(List.of("item")));
            await().atMost(Duration.ofSeconds(10)).until(() -> blockedClients(owner) == blockedBefore);
            assertThatThrownBy(pop::join).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void popsCancelledAsTheirItemArrivesLoseNone() {
        int rounds = 10;
        try (RedisClusterClient<String> redis = client()) {
            ClusterNode owner = cluster.primaryOf(SlotHash.slot("{race}", StandardCharsets.UTF_8));
            long blockedBefore = blockedClients(owner);
            for (int i = 0; i < rounds; i++) {
                String key = "{race}:list:" + i;
                Response<KeyValue<String>> pop = redis.async().blpop(Duration.ofSeconds(30), key);
                await().atMost(Duration.ofSeconds(10)).until(() -> blockedClients(owner) > blockedBefore);
                // the push and the cancel race: both orders
                if (i % 2 == 0) {
                    redis.rpush(key, "item-" + i);
                    pop.cancel(true);
                } else {
                    pop.cancel(true);
                    redis.rpush(key, "item-" + i);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> blockedClients(owner) == blockedBefore);
                // the item is in the list, unless the pop completed (its caller got it) before the cancel
                int delivered = pop.isDone() && !pop.isCompletedExceptionally() ? 1 : 0;
                await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(200))
                        .until(() -> redis.llen(key) + delivered == 1);
            }
        }
    }

    @Test
    void oneCallersTimeoutLeavesTheOtherCommandsOnItsNodeAndTheSharedConnectionAlone() {
        String late = "{patience}:late";
        String other = "{patience}:other";
        try (RedisClusterClient<String> redis = RedisClusterClient.create(ClusterConfig.builder()
                .seeds(cluster.seeds()).nodeConfig(RedisConfig.builder().clientName("one-impatient").build())
                .build())) {
            ClusterNode owner = cluster.primaryOf(SlotHash.slot(late, StandardCharsets.UTF_8));
            // the first command goes through the router while the node's shared connection opens behind it
            redis.async().set(late, "0").join();
            await().atMost(Duration.ofSeconds(10)).until(() -> named(owner, "one-impatient").size() == 2);
            redis.async().incr("{patience}:n").join();
            String shared = named(owner, "one-impatient").stream().filter(line -> line.contains(" cmd=incr "))
                    .map(line -> line.substring(0, line.indexOf(' '))).findFirst().orElseThrow();
            // the node holds writes for 300 ms: both SETs wait on its shared connection
            owner.call("CLIENT", "PAUSE", "300", "WRITE");
            Response<Boolean> impatient = redis.async().set(late, "1");
            impatient.orTimeout(50, TimeUnit.MILLISECONDS);
            Response<Boolean> patient = redis.async().set(other, "2");
            assertThatThrownBy(impatient::join).hasRootCauseInstanceOf(TimeoutException.class);
            assertThat(patient.join()).isTrue();
            assertThat(redis.get(late)).isEqualTo("1"); // it ran before the other: the caller only stopped waiting
            assertThat(named(owner, "one-impatient")).hasSize(2).anyMatch(line -> line.startsWith(shared + " "));
        }
    }

    /** The {@code CLIENT LIST} lines of the connections named {@code name}. */
    private static List<String> named(ClusterNode node, String name) {
        return Arrays.stream(node.call("CLIENT", "LIST").toString().split("\\r?\\n"))
                .filter(line -> line.contains(" name=" + name + " ")).toList();
    }

    private static long blockedClients(ClusterNode node) {
        String info = node.call("INFO", "clients").toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()).trim());
            }
        }
        throw new IllegalStateException("no blocked_clients in INFO");
    }
}
