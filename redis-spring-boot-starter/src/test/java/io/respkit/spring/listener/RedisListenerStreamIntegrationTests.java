package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.stream.StreamMessage;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stream listeners ({@code @RedisListener(stream = ...)}) against a real server: entries added with XADD reach
 * the method as fields, entries, POJOs and batches; a failing handler's entry is retried, then dead-lettered with
 * its fields while the error handler and the metrics hear of each failure; an unsupported parameter fails the
 * startup naming it.
 */
@ExtendWith(RedisServerExtension.class)
class RedisListenerStreamIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static RedisClient<String> client;

    @BeforeAll
    static void connect(RedisServer server) {
        client = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** The application's {@code RedisClient<String>}, which stream containers read through. */
    @Configuration(proxyBeanMethods = false)
    static class ClientConfig {

        @Bean(destroyMethod = "close")
        RedisClient<String> redisClient(io.respkit.connection.RedisConfig config) {
            return RedisClient.create(config);
        }
    }

    private static ApplicationContextRunner runner(RedisServer server) {
        return ListenerTestSupport.runner(server)
                .withUserConfiguration(ClientConfig.class)
                .withPropertyValues("redis.listener.stream.block=200ms",
                        "redis.listener.stream.retry-backoff.initial-delay=20ms",
                        "redis.listener.stream.retry-backoff.max-delay=100ms",
                        "redis.listener.stream.claim-idle=10s");
    }

    private static Map<String, String> fields(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static class FieldsListener {

        final List<Map<String, String>> fields = new CopyOnWriteArrayList<>();
        final List<StreamMessage<String>> messages = new CopyOnWriteArrayList<>();
        final List<String> streams = new CopyOnWriteArrayList<>();

        @RedisListener(id = "orders", stream = "${test.stream}", group = "billing", consumer = "node-a")
        void on(Map<String, String> entry, StreamMessage<String> message, @Channel String stream) {
            fields.add(entry);
            messages.add(message);
            streams.add(stream);
        }
    }

    @Test
    void entriesAddedWithXaddReachTheMethodAndAreAcknowledged(RedisServer server) {
        runner(server).withBean(FieldsListener.class).withPropertyValues("test.stream=s-orders").run(context -> {
            assertThat(context).hasNotFailed();
            FieldsListener l = context.getBean(FieldsListener.class);
            StreamListenerContainer container = (StreamListenerContainer) context
                    .getBean(RedisListenerEndpointRegistry.class).getListenerContainer("orders");
            assertThat(container.isRunning()).isTrue();
            assertThat(container.consumerNames()).containsExactly("node-a");
            assertThat(container.deadLetterStream()).isEqualTo("s-orders:dead");
            List<StreamEntryId> ids = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                ids.add(client.xadd("s-orders", fields("order", "o-" + i, "amount", Integer.toString(i * 10))));
            }
            await().atMost(WAIT).until(() -> l.messages.size() >= 3);
            assertThat(l.fields).containsExactly(fields("order", "o-1", "amount", "10"),
                    fields("order", "o-2", "amount", "20"), fields("order", "o-3", "amount", "30"));
            assertThat(l.messages).extracting(StreamMessage::id).containsExactlyElementsOf(ids);
            assertThat(l.messages).allSatisfy(m -> {
                assertThat(m.stream()).isEqualTo("s-orders");
                assertThat(m.deliveryCount()).isEqualTo(1);
            });
            assertThat(l.streams).containsOnly("s-orders");
            await().atMost(WAIT).until(() -> pending("s-orders", "billing") == 0);
        });
    }

    private static long pending(String stream, String group) {
        List<?> summary = (List<?>) client.execute("XPENDING", stream, group);
        return (Long) summary.get(0);
    }

    static class PoisonListener {

        final Map<String, List<Long>> deliveries = new ConcurrentHashMap<>();

        @RedisListener(id = "poison", stream = "s-poison", group = "g", maxAttempts = "3",
                errorHandler = "recordingErrors")
        void on(StreamMessage<String> message) {
            deliveries.computeIfAbsent(message.field("order"), k -> new CopyOnWriteArrayList<>())
                    .add(message.deliveryCount());
            if ("bad".equals(message.field("kind"))) {
                throw new IllegalStateException("cannot bill order " + message.field("order"));
            }
        }
    }

    static final class RecordingErrors implements RedisListenerErrorHandler {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handleError(String listenerId, RedisMessage<byte[]> message, Throwable error) {
            seen.add(listenerId + ":" + message.kind() + ":" + message.source() + ":" + message.attempt() + ":"
                    + error.getMessage());
        }
    }

    static final class RecordingMetrics implements RedisListenerMetrics {

        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        private void count(String what, int n) {
            counts.computeIfAbsent(what, k -> new AtomicInteger()).addAndGet(n);
        }

        int get(String what) {
            AtomicInteger n = counts.get(what);
            return n == null ? 0 : n.get();
        }

        @Override
        public void received(String listenerId) {
            count(listenerId + ".received", 1);
        }

        @Override
        public void processed(String listenerId) {
            count(listenerId + ".processed", 1);
        }

        @Override
        public void failed(String listenerId) {
            count(listenerId + ".failed", 1);
        }

        @Override
        public void deadLettered(String listenerId) {
            count(listenerId + ".deadLettered", 1);
        }

        @Override
        public void claimed(String listenerId, int count) {
            count(listenerId + ".claimed", count);
        }
    }

    @Test
    void failingEntryIsRetriedThenDeadLetteredWithItsFieldsAndTheListenerGoesOn(RedisServer server) {
        runner(server).withBean(PoisonListener.class)
                .withBean("recordingErrors", RedisListenerErrorHandler.class, RecordingErrors::new)
                .withBean(RedisListenerMetrics.class, RecordingMetrics::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PoisonListener l = context.getBean(PoisonListener.class);
                    RecordingErrors errors = (RecordingErrors) context.getBean("recordingErrors");
                    RecordingMetrics metrics = (RecordingMetrics) context.getBean(RedisListenerMetrics.class);
                    StreamEntryId bad = client.xadd("s-poison", fields("kind", "bad", "order", "42", "note", "x y"));
                    await().atMost(WAIT).until(() -> client.xlen("s-poison:dead") == 1);
                    assertThat(l.deliveries.get("42")).containsExactly(1L, 2L, 3L);
                    StreamEntry<String> dead = client.xrange("s-poison:dead").get(0);
                    assertThat(dead.fields()).containsEntry("kind", "bad").containsEntry("order", "42")
                            .containsEntry("note", "x y")
                            .containsEntry("dead-letter-id", bad.toString())
                            .containsEntry("dead-letter-listener", "poison")
                            .containsEntry("dead-letter-error", IllegalStateException.class.getName());
                    assertThat(errors.seen).containsExactly(
                            "poison:STREAM:s-poison:1:cannot bill order 42",
                            "poison:STREAM:s-poison:2:cannot bill order 42",
                            "poison:STREAM:s-poison:3:cannot bill order 42");
                    await().atMost(WAIT).until(() -> metrics.get("poison.deadLettered") == 1);
                    assertThat(metrics.get("poison.received")).isEqualTo(3);
                    assertThat(metrics.get("poison.failed")).isEqualTo(3);
                    assertThat(metrics.get("poison.processed")).isZero();

                    // The container did not stop: the next entry is handled and acknowledged.
                    client.xadd("s-poison", fields("kind", "good", "order", "43"));
                    await().atMost(WAIT).until(() -> l.deliveries.containsKey("43")
                            && metrics.get("poison.processed") == 1);
                    assertThat(context.getBean(RedisListenerEndpointRegistry.class).getListenerContainer("poison")
                            .isRunning()).isTrue();
                    await().atMost(WAIT).until(() -> pending("s-poison", "g") == 0);
                });
    }

    /** A JSON payload. */
    public record Order(String sku, int quantity) {
    }

    static class PojoListener {

        final List<Order> fromPayload = new CopyOnWriteArrayList<>();
        final List<Order> fromBody = new CopyOnWriteArrayList<>();

        @RedisListener(id = "pojo", stream = "s-pojo", group = "g")
        void on(Order order) {
            fromPayload.add(order);
        }

        @RedisListener(id = "pojo-body", stream = "s-pojo-body", group = "g", payloadField = "body")
        void onBody(Order order, Map<String, String> fields) {
            fromBody.add(order);
        }
    }

    @Test
    void pojoIsReadFromThePayloadFieldTheOnlyFieldOrTheNamedField(RedisServer server) {
        runner(server).withBean(PojoListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            PojoListener l = context.getBean(PojoListener.class);
            client.xadd("s-pojo", fields("payload", "{\"sku\":\"a-1\",\"quantity\":2}", "source", "web"));
            client.xadd("s-pojo", fields("anything", "{\"sku\":\"b-2\",\"quantity\":5}"));
            client.xadd("s-pojo-body", fields("type", "order", "body", "{\"sku\":\"c-3\",\"quantity\":1}"));
            await().atMost(WAIT).until(() -> l.fromPayload.size() >= 2 && l.fromBody.size() >= 1);
            assertThat(l.fromPayload).containsExactly(new Order("a-1", 2), new Order("b-2", 5));
            assertThat(l.fromBody).containsExactly(new Order("c-3", 1));
        });
    }

    static class BatchListener {

        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<Integer> orderBatchSizes = new CopyOnWriteArrayList<>();

        @RedisListener(id = "batch", stream = "s-batch", group = "g", startId = "0", batchSize = "5")
        void on(List<StreamMessage<String>> messages) {
            List<String> ns = new ArrayList<>();
            messages.forEach(m -> ns.add(m.field("n")));
            batches.add(ns);
        }

        @RedisListener(id = "batch-pojo", stream = "s-batch-pojo", group = "g", startId = "0", batchSize = "4")
        void onOrders(List<Order> orders) {
            orderBatchSizes.add(orders.size());
        }
    }

    @Test
    void batchListenersGetEachReadsEntriesInStreamOrder(RedisServer server) {
        // Added before the context starts, with startId 0: the first reads find full batches waiting.
        for (int i = 1; i <= 12; i++) {
            client.xadd("s-batch", fields("n", Integer.toString(i)));
        }
        for (int i = 1; i <= 6; i++) {
            client.xadd("s-batch-pojo", fields("payload", "{\"sku\":\"s" + i + "\",\"quantity\":" + i + "}"));
        }
        runner(server).withBean(BatchListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            BatchListener l = context.getBean(BatchListener.class);
            await().atMost(WAIT).until(() -> l.batches.stream().mapToInt(List::size).sum() >= 12
                    && l.orderBatchSizes.stream().mapToInt(Integer::intValue).sum() >= 6);
            List<String> all = new ArrayList<>();
            l.batches.forEach(all::addAll);
            assertThat(all).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
            assertThat(l.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(5));
            assertThat(l.batches.get(0)).hasSize(5);
            assertThat(l.orderBatchSizes).containsExactly(4, 2);
        });
    }

    static class ClaimingListener {

        final List<StreamMessage<String>> got = new CopyOnWriteArrayList<>();

        @RedisListener(id = "claimer", stream = "s-claim", group = "g", consumer = "survivor")
        void on(StreamMessage<String> message) {
            got.add(message);
        }
    }

    @Test
    void entriesLeftPendingByAConsumerThatIsGoneAreClaimedAndCounted(RedisServer server) {
        // A consumer "crashed" holding one entry: read by XREADGROUP, never acknowledged.
        client.execute("XGROUP", "CREATE", "s-claim", "g", "$", "MKSTREAM");
        StreamEntryId left = client.xadd("s-claim", fields("order", "7"));
        client.execute("XREADGROUP", "GROUP", "g", "crashed", "COUNT", "10", "STREAMS", "s-claim", ">");
        assertThat(pending("s-claim", "g")).isEqualTo(1);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        runner(server).withBean(ClaimingListener.class)
                .withBean(io.micrometer.core.instrument.MeterRegistry.class, () -> meters)
                .withPropertyValues("redis.listener.stream.claim-idle=300ms",
                        "redis.listener.stream.claim-interval=200ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ClaimingListener l = context.getBean(ClaimingListener.class);
                    await().atMost(WAIT).until(() -> !l.got.isEmpty() && pending("s-claim", "g") == 0);
                    assertThat(l.got).extracting(StreamMessage::id).containsExactly(left);
                    assertThat(l.got.get(0).deliveryCount()).isEqualTo(2);
                    assertThat(meters.get("respkit.listener.claimed").tag("listener", "claimer").counter().count())
                            .isEqualTo(1.0);
                    assertThat(meters.get("respkit.listener.processed").tag("listener", "claimer").counter()
                            .count()).isEqualTo(1.0);
                    // the group's state, read once per claim interval: nothing pending, nothing left to read
                    await().atMost(WAIT).untilAsserted(() -> {
                        assertThat(meters.find("respkit.listener.lag").tag("listener", "claimer").gauge())
                                .isNotNull().extracting(g -> g.value()).isEqualTo(0.0);
                        assertThat(meters.find("respkit.listener.pending").tag("listener", "claimer").gauge()
                                .value()).isEqualTo(0.0);
                    });
                    client.xadd("s-claim", fields("order", "8"));
                    await().atMost(WAIT).until(() -> l.got.size() == 2);
                });
    }

    static class UnsupportedParameter {

        @RedisListener(stream = "s-bad", group = "g")
        void on(Map<String, String> fields, int retries) {
        }
    }

    @Test
    void unsupportedParameterFailsTheStartupNamingIt(RedisServer server) {
        runner(server).withBean(UnsupportedParameter.class).run(context -> assertThat(cause(context))
                .isInstanceOf(RedisListenerDefinitionException.class)
                .hasMessageContaining(UnsupportedParameter.class.getName() + ".on(Map, int)")
                .hasMessageContaining("parameter 1 'retries' of type int"));
    }

    private static Throwable cause(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
    }
}
