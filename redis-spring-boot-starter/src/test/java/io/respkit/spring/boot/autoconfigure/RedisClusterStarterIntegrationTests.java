package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.PipelineOptions;
import io.respkit.RedisClusterClient;
import io.respkit.TransactionResult;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The starter in cluster mode against real clusters: a context started with {@code redis.cluster.nodes} gets a
 * cluster client and a template on it (commands, pipelines and single-slot transactions), a health indicator that checks slot coverage and every primary, and
 * listeners whose queue keys stay in the queue's slot.
 */
@ClusterTest
class RedisClusterStarterIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String QUEUE = "cluster-jobs";

    private static ApplicationContextRunner runner(RedisCluster cluster) {
        String nodes = cluster.seeds().stream().map(Object::toString).collect(Collectors.joining(","));
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisHealthAutoConfiguration.class, RedisListenerAutoConfiguration.class))
                .withPropertyValues("redis.cluster.nodes=" + nodes, "redis.listener.poll-timeout=200ms",
                        "redis.listener.shutdown-timeout=3s", "redis.listener.recovery.initial-delay=50ms",
                        "redis.listener.recovery.max-delay=500ms");
    }

    private static ApplicationContextRunner metricsRunner(RedisCluster cluster) {
        return runner(cluster).withConfiguration(AutoConfigurations.of(RedisMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
    }

    @SuppressWarnings("unchecked")
    private static RedisTemplate<String> template(ApplicationContext context) {
        return context.getBean(RedisTemplate.class);
    }

    @Test
    void templateSetsAndGetsKeysOfEverySlot(RedisCluster cluster) {
        cluster.flushAll();
        runner(cluster).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RedisClusterClient.class);
            @SuppressWarnings("unchecked")
            RedisTemplate<String> template = context.getBean(RedisTemplate.class);
            assertThat(template.isCluster()).isTrue();
            for (int i = 0; i < 500; i++) {
                template.set("key:" + i, "value-" + i);
            }
            for (int i = 0; i < 500; i++) {
                assertThat(template.get("key:" + i)).isEqualTo("value-" + i);
            }
            assertThat(template.dbsize()).isEqualTo(500);
            assertThat(template.scan().count()).isEqualTo(500);
            record Point(int x, int y) {
            }
            template.forType(Point.class).set("point", new Point(1, 2));
            assertThat(template.forType(Point.class).get("point")).isEqualTo(new Point(1, 2));
            assertThatThrownBy(() -> template.multi(tx -> tx.get("key:1")))
                    .isInstanceOf(RedisUnsupportedCommandException.class).hasMessageContaining("multi(key, body)");
            assertThatThrownBy(() -> template.withConnection(c -> c.get("key:1")))
                    .isInstanceOf(RedisUnsupportedCommandException.class).hasMessageContaining("Redis Cluster");
            assertThatThrownBy(template::client).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("clusterClient()");
            assertThat(template.clusterClient().topology().coversAllSlots()).isTrue();
        });
    }

    @Test
    void pipelinedRunsKeysOfEverySlotWithTheSameLambdaAsOnOneServer(RedisCluster cluster) {
        cluster.flushAll();
        metricsRunner(cluster).run(context -> {
            RedisTemplate<String> template = template(context);
            // Typed as on a single server: one body for either kind of template.
            Consumer<RedisPipelineCommands<String>> sets = p -> {
                for (int i = 0; i < 200; i++) {
                    p.set("pk:" + i, "v" + i);
                }
            };
            assertThat(template.pipelined(sets)).hasSize(200).containsOnly(true);
            List<Object> gets = template.pipelined(p -> {
                for (int i = 0; i < 200; i++) {
                    p.get("pk:" + i);
                }
            });
            assertThat(gets).containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "v" + i).toList());
            assertThat(Set.copyOf(IntStream.range(0, 200).mapToObj(i -> cluster.slotOf("pk:" + i)).toList()))
                    .hasSizeGreaterThan(100);

            template.set("pk:text", "not a number");
            assertThatThrownBy(() -> template.pipelined(p -> {
                p.set("pk:a", "1");
                p.incr("pk:text");
                p.set("pk:b", "2");
            })).isInstanceOfSatisfying(RedisPipelineException.class, e -> {
                assertThat(e.index()).isEqualTo(1);
                assertThat(e.results()).hasSize(3);
            });
            List<Object> values = template.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), p -> {
                p.incr("pk:counter");
                p.incr("pk:text");
                p.get("pk:b");
            });
            assertThat(values.get(0)).isEqualTo(1L);
            assertThat(values.get(1)).isInstanceOf(RedisServerException.class);
            assertThat(values.get(2)).isEqualTo("2");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("respkit.commands").tag("command", "PIPELINE").timer().count()).isEqualTo(4);
            assertThat(registry.find("respkit.commands").tag("command", "INCR").timer())
                    .as("commands inside a pipeline count as the PIPELINE call").isNull();
        });
    }

    @Test
    void multiWithAKeyRunsOnTheSlotsPrimaryAndRefusesAnotherSlot(RedisCluster cluster) {
        cluster.flushAll();
        metricsRunner(cluster).run(context -> {
            RedisTemplate<String> template = template(context);
            TransactionResult result = template.multi("{acct:1}:balance", tx -> {
                tx.set("{acct:1}:balance", "41");
                tx.incr("{acct:1}:balance");
                tx.rpush("{acct:1}:log", "credit");
            });
            assertThat(result.aborted()).isFalse();
            assertThat(result.results()).containsExactly(true, 42L, 1L);
            assertThat(template.get("{acct:1}:balance")).isEqualTo("42");

            assertThat(cluster.slotOf("elsewhere")).isNotEqualTo(cluster.slotOf("{acct:1}:balance"));
            assertThatThrownBy(() -> template.multi("{acct:1}:balance", tx -> tx.set("elsewhere", "x")))
                    .isInstanceOf(RedisCrossSlotException.class);
            assertThat(template.exists("elsewhere")).isZero();

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("respkit.commands").tag("command", "MULTI").timer().count()).isEqualTo(2);
        });
    }

    @Test
    void transactionWatchesKeysOfOneSlotAndRetriesOnAConcurrentChange(RedisCluster cluster) {
        cluster.flushAll();
        runner(cluster).run(context -> {
            RedisTemplate<String> template = template(context);
            template.set("{acct:2}:balance", "100");
            AtomicInteger attempts = new AtomicInteger();
            TransactionResult result = template.transaction(List.of("{acct:2}:balance"), (watched, tx) -> {
                long balance = Long.parseLong(watched.get("{acct:2}:balance"));
                if (attempts.incrementAndGet() == 1) {
                    // Another client changes the watched key between the read and EXEC: this attempt aborts.
                    template.set("{acct:2}:balance", "90");
                }
                tx.set("{acct:2}:balance", Long.toString(balance - 30));
                tx.rpush("{acct:2}:log", "debit 30");
            });
            assertThat(attempts).hasValue(2);
            assertThat(result.aborted()).isFalse();
            assertThat(template.get("{acct:2}:balance")).isEqualTo("60");
            assertThat(template.lrange("{acct:2}:log", 0, -1)).containsExactly("debit 30");

            assertThatThrownBy(() -> template.transaction(List.of("{acct:2}:balance", "elsewhere"), 1, (watched, tx) -> {
            })).isInstanceOf(RedisCrossSlotException.class);
        });
    }

    @Test
    void healthIsUpWithTheTopologysDetails(RedisCluster cluster) {
        runner(cluster).run(context -> {
            Health health = context.getBean("redisHealthIndicator", RedisClusterHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            Map<String, Object> details = health.getDetails();
            assertThat(details).containsEntry("slotsCovered", 16384);
            assertThat((List<?>) details.get("primaries")).hasSize(cluster.primaries().size());
            assertThat((List<?>) details.get("replicas")).hasSize(cluster.replicas().size());
            assertThat((List<?>) details.get("unreachable")).isEmpty();
        });
    }

    @Test
    void healthProbesReadNoTopology(RedisCluster cluster) {
        runner(cluster).run(context -> {
            RedisClusterHealthIndicator indicator = context.getBean("redisHealthIndicator",
                    RedisClusterHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            List<ClusterNode> nodes = cluster.nodes(); // the harness reads CLUSTER NODES itself: once, before
            long before = topologyReads(nodes);
            // a load balancer polling the health endpoint: each probe must not become a topology read on the nodes
            for (int i = 0; i < 30; i++) {
                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            }
            assertThat(topologyReads(nodes) - before).as("topology reads for 30 probes").isLessThan(10);
        });
    }

    /** {@code CLUSTER SLOTS}, {@code SHARDS} and {@code NODES} calls served by the nodes so far. */
    private static long topologyReads(List<ClusterNode> nodes) {
        long calls = 0;
        for (ClusterNode node : nodes) {
            for (String line : node.call("INFO", "commandstats").toString().split("\r?\n")) {
                if (line.startsWith("cmdstat_cluster|slots:") || line.startsWith("cmdstat_cluster|shards:")
                        || line.startsWith("cmdstat_cluster|nodes:")) {
                    String rest = line.substring(line.indexOf("calls=") + "calls=".length());
                    calls += Long.parseLong(rest.substring(0, rest.indexOf(',')));
                }
            }
        }
        return calls;
    }

    @Test
    void healthIsDownWhenTheClusterDoesNotCoverEverySlot() {
        try (RedisCluster own = RedisCluster.start(1, 0)) {
            ClusterNode primary = own.primaries().get(0);
            primary.call("CLUSTER", "DELSLOTS", "42");
            runner(own).run(context -> {
                Health health = context.getBean(RedisClusterHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("slotsCovered", 16383);
                assertThat((String) health.getDetails().get("error")).contains("16383 of 16384");
            });
        }
    }

    static class ChannelListener {
        final List<String> received = new CopyOnWriteArrayList<>();

        @RedisListener(id = "news", channels = "cluster-news")
        void on(String message) {
            received.add(message);
        }
    }

    @Test
    void channelListenerReceivesAPublish(RedisCluster cluster) {
        runner(cluster).withBean(ChannelListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            ChannelListener listener = context.getBean(ChannelListener.class);
            @SuppressWarnings("unchecked")
            RedisTemplate<String> template = context.getBean(RedisTemplate.class);
            // Published until heard: the subscription is made asynchronously after the context starts.
            await().atMost(WAIT).untilAsserted(() -> {
                template.publish("cluster-news", "hello");
                assertThat(listener.received).contains("hello");
            });
        });
    }

    static class QueueListener {
        final List<String> items = new CopyOnWriteArrayList<>();
        final List<String> processingKeys = new CopyOnWriteArrayList<>();
        final RedisTemplate<String> template;

        QueueListener(RedisTemplate<String> template) {
            this.template = template;
        }

        @RedisListener(id = "jobs", queue = QUEUE, reliable = true)
        void on(String item) {
            if (processingKeys.isEmpty()) {
                // While an item is handled it sits in this worker's processing list.
                processingKeys.addAll(template.keys("{" + QUEUE + "}:processing:*"));
            }
            items.add(item);
        }
    }

    @Test
    void reliableQueueListenerConsumesWithItsKeysInTheQueuesSlot(RedisCluster cluster) {
        cluster.flushAll();
        runner(cluster).withBean(QueueListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            QueueListener listener = context.getBean(QueueListener.class);
            @SuppressWarnings("unchecked")
            RedisTemplate<String> template = context.getBean(RedisTemplate.class);
            for (int i = 0; i < 50; i++) {
                template.lpush(QUEUE, "item-" + i);
            }
            await().atMost(WAIT).until(() -> listener.items.size() >= 50);
            assertThat(listener.items).hasSize(50).doesNotHaveDuplicates();
            int slot = cluster.slotOf(QUEUE);
            assertThat(listener.processingKeys).hasSize(1);
            assertThat(cluster.slotOf(listener.processingKeys.get(0))).isEqualTo(slot);
            List<String> heartbeats = template.keys("{" + QUEUE + "}:consumer:*");
            assertThat(heartbeats).isNotEmpty().allSatisfy(key -> assertThat(cluster.slotOf(key)).isEqualTo(slot));
            await().atMost(WAIT).until(() -> template.llen(QUEUE) == 0
                    && template.llen(listener.processingKeys.get(0)) == 0);
        });
    }

    static class CrossSlotDeadLetterListener {
        @RedisListener(id = "crossSlot", queue = QUEUE, reliable = true, deadLetterQueue = "elsewhere")
        void on(String item) {
        }
    }

    @Test
    void aDeadLetterListInAnotherSlotIsRefusedAtStartUp(RedisCluster cluster) {
        assertThat(cluster.slotOf("elsewhere")).isNotEqualTo(cluster.slotOf(QUEUE));
        runner(cluster).withBean(CrossSlotDeadLetterListener.class).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (!(failure instanceof RedisListenerDefinitionException) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(RedisListenerDefinitionException.class)
                    .hasMessageContaining("'elsewhere'").hasMessageContaining("hash slot");
        });
    }
}
