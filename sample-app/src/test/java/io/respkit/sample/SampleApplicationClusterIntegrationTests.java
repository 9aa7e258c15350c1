package io.respkit.sample;

import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample app against the shared Redis Cluster ({@code redis.cluster.nodes}) and checks that every demo
 * completed with the tutorial's results, as on one server (less the {@code FLUSHALL}, run only on a throwaway
 * server, and with the radio's messages in any order).
 */
@ClusterTest
class SampleApplicationClusterIntegrationTests {

    @Test
    void demoCompletesOnACluster(RedisCluster cluster) {
        cluster.flushAll();
        String nodes = cluster.seeds().stream().map(Object::toString).collect(Collectors.joining(","));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .properties("redis.cluster.nodes=" + nodes).run()) {
            DemoReport report = context.getBean(DemoReport.class);
            assertThat(report.completed()).isTrue();
            Map<String, Object> r = report.results();
            assertThat(r).containsEntry("cluster", true).containsEntry("type k1", "string")
                    .containsEntry("exists k1", 1L).containsEntry("get k11", "v1")
                    .containsEntry("ttl without expiry", -1L).containsEntry("getset k1", "v1")
                    .containsEntry("mget k1 k2", List.of("v1", "v2"))
                    .containsEntry("num after 5 incr", "6").containsEntry("decrby num 8", 2L)
                    .containsEntry("hincrby user1 age 10", 28L).containsEntry("lrem l3 2 a1", 2L)
                    .containsEntry("smove a", true).containsEntry("smembers s2", java.util.Set.of("a"))
                    .containsEntry("zcount 100 200", 3L)
                    .containsEntry("pipeline sets", List.of(true, true, true, true))
                    .containsEntry("pipeline gets", List.of("v1", "v2", "v3", "v4"))
                    .containsEntry("pipeline errors as values", List.of("true", "error", "true"))
                    .doesNotContainKey("flushall");
            assertThat((Long) r.get("dbsize")).isPositive();
            assertThat(r.get("zrange score")).isEqualTo(List.of("likai", "wangkai", "zhaokai", "zhangsan"));
            assertThat((String) r.get("pipeline raise-on-error")).startsWith("command #1 LPUSH failed with WRONGTYPE");
            assertThat(report.consumed()).containsExactlyElementsOf(QueueAndRadioDemo.JOBS);
            // The stream listener reads from the stream slot's primary; the cache works there too.
            assertThat(report.shipped()).contains("o-1 via ups", "o-2 via ups", "o-3 via ups");
            assertThat(r).containsEntry("quote loads", 1).containsEntry("cached quote 2", "sku-7 costs 42.00 EUR");
            // Out of order is allowed: broadcasts published through different nodes reach the listeners' node by
            // different paths.
            assertThat(report.heard().get("zhangsan")).containsExactlyInAnyOrder("fm97.5: broadcast #0", "fm77.5: broadcast #2",
                    "fm97.5: broadcast #3", "fm77.5: broadcast #4");
            assertThat(report.heard().get("lisi")).containsExactlyInAnyOrder("fm80.5: broadcast #1", "fm80.5: broadcast #5");
            assertThat(report.heard().get("wangwu")).containsExactlyInAnyOrder("fm97.5: broadcast #0", "fm97.5: broadcast #3");
        }
    }
}
