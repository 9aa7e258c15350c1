package io.respkit.sample;

import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample app against a real server and checks that its demo completed with the tutorial's results.
 */
@ExtendWith(RedisServerExtension.class)
class SampleApplicationIntegrationTests {

    @Test
    void demoCompletesWithTheTutorialsResults(RedisServer server) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .properties("redis.url=" + server.url(), "sample.throwaway-server=true").run()) {
            DemoReport report = context.getBean(DemoReport.class);
            assertThat(report.completed()).isTrue();
            Map<String, Object> r = report.results();
            assertThat(r).containsEntry("cluster", false).containsEntry("type k1", "string").containsEntry("exists k1", 1L)
                    .containsEntry("exists k8888", 0L).containsEntry("get k11", "v1")
                    .containsEntry("ttl without expiry", -1L).containsEntry("dbsize after flushall", 0L)
                    .containsEntry("getset k1", "v1").containsEntry("num after 5 incr", "6")
                    .containsEntry("incrby num 1000", 1001L).containsEntry("num after 5 decr", "5")
                    .containsEntry("decrby num 8", 2L).containsEntry("hincrby user1 age 10", 28L)
                    .containsEntry("hsetnx user1 addr again", false).containsEntry("lpushx on missing l2", 0L)
                    .containsEntry("lrem l3 2 a1", 2L).containsEntry("smove w", false)
                    .containsEntry("smove a", true).containsEntry("zrank zhangsan", 3L).containsEntry("zrank w", "null")
                    .containsEntry("zcount 100 200", 3L)
                    .containsEntry("pipeline sets", List.of(true, true, true, true))
                    .containsEntry("pipeline gets", List.of("v1", "v2", "v3", "v4"))
                    .containsEntry("pipeline errors as values", List.of("true", "error", "true"));
            assertThat(r.get("zrange score")).isEqualTo(List.of("likai", "wangkai", "zhaokai", "zhangsan"));
            assertThat((String) r.get("pipeline raise-on-error")).startsWith("command #1 LPUSH failed with WRONGTYPE");
            assertThat(report.consumed()).containsExactlyElementsOf(QueueAndRadioDemo.JOBS);
            assertThat(report.shipped()).containsExactly("o-1 via ups", "o-2 via ups", "o-3 via ups");
            assertThat(r).containsEntry("cached quote 1", "sku-7 costs 42.00 EUR")
                    .containsEntry("cached quote 2", "sku-7 costs 42.00 EUR").containsEntry("quote loads", 1);
            assertThat(report.heard().get("zhangsan")).containsExactly("fm97.5: broadcast #0", "fm77.5: broadcast #2",
                    "fm97.5: broadcast #3", "fm77.5: broadcast #4");
            assertThat(report.heard().get("lisi")).containsExactly("fm80.5: broadcast #1", "fm80.5: broadcast #5");
            assertThat(report.heard().get("wangwu")).containsExactly("fm97.5: broadcast #0", "fm97.5: broadcast #3");
        }
    }
}
