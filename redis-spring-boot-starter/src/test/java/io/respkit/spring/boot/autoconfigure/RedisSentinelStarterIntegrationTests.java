package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.sentinel.SentinelConfig;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.SubscriptionGap;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.test.RedisNode;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in Sentinel mode against real Sentinel deployments: a context started with
 * {@code redis.sentinel.master} and {@code redis.sentinel.nodes} gets a client of the primary the sentinels name, a
 * template on it, the client's pool as the pool bean, a health indicator and pool gauges that name the master; and
 * after a planned failover ({@code SENTINEL FAILOVER}, which leaves the old primary running as a primary until the
 * sentinels demote it some 8 s later) the template writes to the new primary and {@code @RedisListener} pub/sub and
 * queue listeners leave the old primary at once and keep receiving on the new one.
 */
@SentinelTest
class RedisSentinelStarterIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CLIENT_NAME = "starter-sentinel-it";

    private static ApplicationContextRunner runner(RedisSentinels group) {
        String nodes = group.sentinels().stream().map(Object::toString).collect(Collectors.joining(","));
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisHealthAutoConfiguration.class, RedisListenerAutoConfiguration.class,
                        RedisMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("redis.sentinel.master=" + group.masterName(), "redis.sentinel.nodes=" + nodes,
                        "redis.client-name=" + CLIENT_NAME, "redis.listener.poll-timeout=200ms",
                        "redis.listener.shutdown-timeout=3s", "redis.listener.recovery.initial-delay=50ms",
                        "redis.listener.recovery.max-delay=500ms");
    }

    @SuppressWarnings("unchecked")
    private static RedisTemplate<String> template(ApplicationContext context) {
        return context.getBean(RedisTemplate.class);
    }

    @Test
    void theTemplateRunsOnThePrimaryAndThePoolBeanIsTheClients(RedisSentinels group) {
        ConnectionPool[] pool = new ConnectionPool[1];
        runner(group).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SentinelConfig.class).hasSingleBean(RedisClient.class)
                    .hasSingleBean(ConnectionPool.class).doesNotHaveBean(RedisConfig.class);
            RedisClient<?> client = context.getBean(RedisClient.class);
            pool[0] = context.getBean(ConnectionPool.class);
            assertThat(pool[0]).isSameAs(client.pool());
            assertThat(pool[0].config().address()).isEqualTo(group.primary().hostAndPort().toString());
            RedisTemplate<String> template = template(context);
            assertThat(template.isCluster()).isFalse();
            template.set("starter:sentinel", "on the primary");
            assertThat(group.primary().call("GET", "starter:sentinel")).isEqualTo("on the primary");
            record Point(int x, int y) {
            }
            template.forType(Point.class).set("starter:point", new Point(1, 2));
            assertThat(template.forType(Point.class).get("starter:point")).isEqualTo(new Point(1, 2));
            template.del("starter:sentinel", "starter:point");
        });
        // The client closed its pool once, and nothing else tried to.
        assertThat(pool[0].isClosed()).isTrue();
    }

    @Test
    void healthAndPoolGaugesNameTheMasterAndThePrimary(RedisSentinels group) {
        runner(group).run(context -> {
            Health health = context.getBean("redisHealthIndicator", RedisHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("address", group.primary().hostAndPort().toString())
                    .containsEntry("masterName", group.masterName()).containsKey("version");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("respkit.pool.max").tag("master", group.masterName()).gauge().value())
                    .isEqualTo(16.0);
        });
    }

    @Test
    void anUnknownMasterFailsTheStartWithAnAnalysisNamingItAndTheSentinels(RedisSentinels group) {
        String nodes = group.sentinels().stream().map(Object::toString).collect(Collectors.joining(","));
        MockEnvironment environment = new MockEnvironment().withProperty("redis.sentinel.master", "nosuchmaster")
                .withProperty("redis.sentinel.nodes", nodes);
        runner(group).withPropertyValues("redis.sentinel.master=nosuchmaster", "redis.timeout=300ms",
                "redis.connect-timeout=300ms").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new RedisFailureAnalyzer(environment).analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Sentinel master 'nosuchmaster'").contains(nodes)
                    .contains("monitors");
            assertThat(analysis.getAction()).contains("SENTINEL MASTERS");
        });
    }

    /** A stream listener, recording the entries' fields. */
    static class StreamListener {
        final List<String> entries = new CopyOnWriteArrayList<>();

        @RedisListener(id = "sentinelEvents", stream = "starter:sentinel-events", group = "g", startId = "0")
        void onEvent(java.util.Map<String, String> fields) {
            entries.add(fields.get("n"));
        }
    }

    @Test
    void aStreamListenerReadsThroughTheClientOnThePrimary(RedisSentinels group) {
        StreamListener listener = new StreamListener();
        runner(group).withBean(StreamListener.class, () -> listener).run(context -> {
            assertThat(context).hasNotFailed();
            RedisTemplate<String> template = template(context);
            List<String> ns = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
            for (String n : ns) {
                template.client().xadd("starter:sentinel-events", java.util.Map.of("n", n));
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(listener.entries).containsAll(ns));
            assertThat(group.primary().call("EXISTS", "starter:sentinel-events")).isEqualTo(1L);
            // Stopped first: deleting the stream under a blocked read would only log a warning.
            context.getBean(RedisListenerEndpointRegistry.class).getListenerContainer("sentinelEvents").stop();
            template.del("starter:sentinel-events");
        });
    }

    /** A channel listener, a plain and a reliable queue listener, recording what they got. */
    static class Listeners {
        final List<String> news = new CopyOnWriteArrayList<>();
        final List<String> jobs = new CopyOnWriteArrayList<>();
        final List<String> reliableJobs = new CopyOnWriteArrayList<>();
        final List<String> gaps = new CopyOnWriteArrayList<>();

        @RedisListener(id = "news", channels = "news", errorHandler = "gapRecorder")
        void onNews(String message) {
            news.add(message);
        }

        @RedisListener(id = "jobs", queue = "jobs")
        void onJob(String item) {
            jobs.add(item);
        }

        @RedisListener(id = "reliableJobs", queue = "reliable-jobs", reliable = true)
        void onReliableJob(String item) {
            reliableJobs.add(item);
        }

        final List<String> events = new CopyOnWriteArrayList<>();

        @RedisListener(id = "events", stream = "failover-events", group = "g", startId = "0")
        void onEvent(java.util.Map<String, String> fields) {
            events.add(fields.get("n"));
        }
    }

    @Test
    void listenersAndTheTemplateFollowAPlannedFailoverWhileTheOldPrimaryStillRuns() {
        try (RedisSentinels group = RedisSentinels.start(2, 3)) {
            Listeners listeners = new Listeners();
            RedisListenerErrorHandler gapRecorder = new RedisListenerErrorHandler() {
                @Override
                public void handleError(String listenerId, RedisMessage<byte[]> message, Throwable error) {
                }

                @Override
                public void handleSubscriptionGap(String listenerId, SubscriptionGap gap) {
                    listeners.gaps.add(listenerId + ":" + gap.channels());
                }
            };
            runner(group).withBean(Listeners.class, () -> listeners)
                    .withBean("gapRecorder", RedisListenerErrorHandler.class, () -> gapRecorder)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        RedisTemplate<String> template = template(context);
                        exchange(template, listeners, "before");

                        RedisNode old = group.primary();
                        RedisSentinels.Switch sw = group.failover();
                        RedisNode now = sw.primary();
                        assertThat(now.port()).isNotEqualTo(old.port());

                        // Every connection of this context leaves the old primary (pool connections as they are
                        // borrowed, the listeners' own between two bounded reads) ...
                        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                            template.set("starter:after", "v");
                            assertThat(commandConnections(old)).isEmpty();
                        });
                        // ... while it still runs as a primary: nothing but the move of the primary sent them away.
                        assertThat(((List<?>) old.call("ROLE")).get(0)).isEqualTo("master");

                        assertThat(now.call("GET", "starter:after")).isEqualTo("v");
                        assertThat(context.getBean(ConnectionPool.class).config().address())
                                .isEqualTo(now.hostAndPort().toString());
                        exchange(template, listeners, "after");
                        assertThat(now.call("LLEN", "jobs")).isEqualTo(0L);
                        // The move is a gap in the subscription, reported like a lost connection.
                        assertThat(listeners.gaps).contains("news:[news]");
                        assertThat(context.getBean(RedisListenerEndpointRegistry.class).getPubSubContainer()
                                .getGapCount()).isPositive();
                        Health health = context.getBean(RedisHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(health.getDetails()).containsEntry("address", now.hostAndPort().toString());
                    });
        }
    }

    /**
     * The connections of this test's contexts on a node, less the client's probe of the node's {@code ROLE}, which
     * the Sentinel client keeps open to every data node it asked (its own business, not the starter's).
     */
    private static List<String> commandConnections(RedisNode node) {
        return ((String) node.call("CLIENT", "LIST")).lines()
                .filter(line -> line.contains(" name=" + CLIENT_NAME + " ") && !line.contains(" cmd=role "))
                .toList();
    }

    /** Publishes until heard, pushes 20 items to each queue and waits until both listeners have them all. */
    private static void exchange(RedisTemplate<String> template, Listeners listeners, String phase) {
        AtomicInteger published = new AtomicInteger();
        // Published until heard: the subscription is made (or made again) asynchronously.
        await().atMost(WAIT).untilAsserted(() -> {
            template.publish("news", phase + "-" + published.incrementAndGet());
            assertThat(listeners.news).anyMatch(m -> m.startsWith(phase + "-"));
        });
        List<String> items = IntStream.range(0, 20).mapToObj(i -> phase + "-" + i).toList();
        for (String item : items) {
            template.lpush("jobs", item);
            template.lpush("reliable-jobs", item);
        }
        for (String item : items) {
            template.client().execute("XADD", "failover-events", "*", "n", item);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(listeners.jobs).containsAll(items);
            assertThat(listeners.reliableJobs).containsAll(items);
            assertThat(listeners.events).containsAll(items);
        });
        assertThat(listeners.jobs.stream().filter(items::contains)).as("plain queue: at most once")
                .doesNotHaveDuplicates();
    }
}
