package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.respkit.commands.StreamCommandsIntegrationTests.fields;
import static io.respkit.commands.StreamCommandsIntegrationTests.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@ExtendWith(RedisServerExtension.class)
class StreamInfoCommandsIntegrationTests {

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        return redis;
    }

    /** s: 1-0, 2-0, 3-0 (3-0 deleted after 4-0 is added); group g read 2 entries as c1, c2 created empty. */
    private static void setUp(RedisClient<String> redis) {
        for (int i = 1; i <= 4; i++) {
            redis.xadd("s", fields("n", Integer.toString(i)), XAddArgs.NONE.withId(id(i, 0)));
        }
        redis.xdel("s", id(3, 0));
        redis.xgroupCreate("s", "g", StreamEntryId.MIN);
        redis.xgroupCreate("s", "h", StreamOffset.latest());
        redis.xreadgroup("g", "c1", XReadArgs.count(2), "s", StreamOffset.undelivered());
        redis.xgroupCreateconsumer("s", "g", "c2");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void xinfoStream(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            setUp(redis);
            StreamInfo<String> info = redis.xinfoStream("s");
            assertThat(info.length()).isEqualTo(3);
            assertThat(info.radixTreeKeys()).isPositive();
            assertThat(info.radixTreeNodes()).isPositive();
            assertThat(info.lastGeneratedId()).isEqualTo(id(4, 0));
            assertThat(info.maxDeletedEntryId()).isEqualTo(id(3, 0));
            assertThat(info.entriesAdded()).isEqualTo(4);
            assertThat(info.recordedFirstEntryId()).isEqualTo(id(1, 0));
            assertThat(info.groups()).isEqualTo(2);
            assertThat(info.firstEntry()).isEqualTo(new StreamEntry<>(id(1, 0), fields("n", "1")));
            assertThat(info.lastEntry()).isEqualTo(new StreamEntry<>(id(4, 0), fields("n", "4")));

            redis.xgroupCreate("e", "g", StreamOffset.latest(), XGroupCreateArgs.NONE.withMkStream());
            StreamInfo<String> empty = redis.xinfoStream("e");
            assertThat(empty.length()).isZero();
            assertThat(empty.firstEntry()).isNull();
            assertThat(empty.lastEntry()).isNull();
            assertThat(empty.lastGeneratedId()).isEqualTo(StreamEntryId.MIN);
            assertThatThrownBy(() -> redis.xinfoStream("missing")).isInstanceOf(RedisServerException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void xinfoStreamFull(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            long before = Instant.now().toEpochMilli() - 1000;
            setUp(redis);
            StreamFullInfo<String> full = redis.xinfoStreamFull("s");
            assertThat(full.length()).isEqualTo(3);
            assertThat(full.lastGeneratedId()).isEqualTo(id(4, 0));
            assertThat(full.maxDeletedEntryId()).isEqualTo(id(3, 0));
            assertThat(full.entriesAdded()).isEqualTo(4);
            assertThat(full.entries()).extracting(StreamEntry::id).containsExactly(id(1, 0), id(2, 0), id(4, 0));
            assertThat(full.entries().get(2).fields()).containsExactly(entry("n", "4"));
            assertThat(full.groups()).extracting(StreamFullInfo.Group::name).containsExactly("g", "h");

            StreamFullInfo.Group g = full.groups().get(0);
            assertThat(g.lastDeliveredId()).isEqualTo(id(2, 0));
            assertThat(g.entriesRead()).isNull(); // the deleted 3-0 makes the server's counter unknown (nil)
            assertThat(g.pelCount()).isEqualTo(2);
            assertThat(g.pending()).extracting(StreamFullInfo.Delivery::id).containsExactly(id(1, 0), id(2, 0));
            StreamFullInfo.Delivery d = g.pending().get(0);
            assertThat(d.consumer()).isEqualTo("c1");
            assertThat(d.deliveryCount()).isEqualTo(1);
            assertThat(d.deliveredAt().toEpochMilli()).isGreaterThan(before);
            assertThat(g.consumers()).extracting(StreamFullInfo.Consumer::name).containsExactly("c1", "c2");
            StreamFullInfo.Consumer c1 = g.consumers().get(0);
            assertThat(c1.pelCount()).isEqualTo(2);
            assertThat(c1.seenTime().toEpochMilli()).isGreaterThan(before);
            assertThat(c1.pending()).extracting(StreamFullInfo.Delivery::consumer).containsOnly("c1");
            assertThat(c1.pending()).extracting(StreamFullInfo.Delivery::id).containsExactly(id(1, 0), id(2, 0));
            assertThat(g.consumers().get(1).pending()).isEmpty();
            StreamFullInfo.Group h = full.groups().get(1);
            assertThat(h.pending()).isEmpty();
            assertThat(h.consumers()).isEmpty();

            StreamFullInfo<String> one = redis.xinfoStreamFull("s", 1);
            assertThat(one.entries()).hasSize(1);
            assertThat(one.groups().get(0).pending()).hasSize(1);
            assertThat(redis.xinfoStreamFull("s", 0).entries()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void xinfoGroupsAndConsumers(RespVersion protocol, RedisServer server) throws Exception {
        try (RedisClient<String> redis = client(server, protocol)) {
            setUp(redis);
            List<StreamGroupInfo> groups = redis.xinfoGroups("s");
            assertThat(groups).hasSize(2);
            // the deleted 3-0 leaves the server unable to count g's reads: nil, decoded as null
            assertThat(groups.get(0)).isEqualTo(new StreamGroupInfo("g", 2, 2, id(2, 0), null, null));
            assertThat(groups.get(1).name()).isEqualTo("h");
            assertThat(groups.get(1).pending()).isZero();
            assertThat(groups.get(1).lastDeliveredId()).isEqualTo(id(4, 0));
            assertThat(groups.get(1).lag()).isEqualTo(0L);

            redis.xadd("clean", fields("a", "1"), XAddArgs.NONE.withId(id(1, 0)));
            redis.xadd("clean", fields("a", "2"), XAddArgs.NONE.withId(id(2, 0)));
            redis.xgroupCreate("clean", "g", StreamEntryId.MIN);
            redis.xreadgroup("g", "c", XReadArgs.count(1), "clean", StreamOffset.undelivered());
            assertThat(redis.xinfoGroups("clean")).containsExactly(new StreamGroupInfo("g", 1, 1, id(1, 0), 1L, 1L));

            List<StreamConsumerInfo> consumers = redis.xinfoConsumers("s", "g");
            assertThat(consumers).extracting(StreamConsumerInfo::name).containsExactly("c1", "c2");
            assertThat(consumers.get(0).pending()).isEqualTo(2);
            assertThat(consumers.get(0).idle()).isBetween(Duration.ZERO, Duration.ofMinutes(1));
            assertThat(consumers.get(1).pending()).isZero();
            assertThat(redis.xinfoConsumers("s", "h")).isEmpty();
            assertThatThrownBy(() -> redis.xinfoConsumers("s", "nogroup")).isInstanceOf(RedisServerException.class);

            assertThat(redis.pipelined(p -> {
                p.xinfoGroups("s");
                p.xinfoStream("s");
            })).hasSize(2);
            assertThat(redis.async().xinfoConsumers("s", "g").get(5, TimeUnit.SECONDS)).hasSize(2);
        }
    }
}
