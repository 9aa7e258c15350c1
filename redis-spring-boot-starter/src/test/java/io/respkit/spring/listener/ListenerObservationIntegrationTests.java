package io.respkit.spring.listener;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.respkit.RedisClient;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.observation.MicrometerListenerDeliveryObserver;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** Each delivery to a listener method is an observation, with its outcome; payloads are never recorded. */
@ExtendWith(RedisServerExtension.class)
class ListenerObservationIntegrationTests {

    static class Jobs {
        final List<String> done = new CopyOnWriteArrayList<>();

        @RedisListener(id = "observedJobs", queue = "obs-jobs")
        void on(String item) {
            if (item.equals("bad")) {
                throw new IllegalStateException("refused");
            }
            done.add(item);
        }
    }

    static class Events {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @RedisListener(id = "observedEvents", stream = "obs-events", group = "g", startId = "0")
        void on(java.util.Map<String, String> fields) {
            seen.add(fields.get("n"));
        }
    }

    @Test
    void streamDeliveriesAreObservedToo(RedisServer server) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (RedisClient<String> client = RedisClient.create(server.config())) {
            ListenerTestSupport.runner(server).withBean(ObservationRegistry.class, () -> registry)
                    .withBean("redisClient", RedisClient.class, () -> RedisClient.create(server.config()),
                            bd -> bd.setDestroyMethodName("close"))
                    .withPropertyValues("redis.listener.stream.block=200ms")
                    .withBean(Events.class).run(context -> {
                        client.xadd("obs-events", java.util.Map.of("n", "1"));
                        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                                TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                                        .hasNameEqualTo(MicrometerListenerDeliveryObserver.NAME)
                                        .hasLowCardinalityKeyValue("messaging.destination.name", "obs-events")
                                        .hasLowCardinalityKeyValue("messaging.consumer.group.name", "observedEvents")
                                        .hasLowCardinalityKeyValue("redis.listener.kind", "stream")
                                        .hasLowCardinalityKeyValue("outcome", "success")));
                    });
            client.del("obs-events");
        }
    }

    @Test
    void queueDeliveriesAreObservedWithMessagingConventions(RedisServer server) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (RedisClient<String> client = RedisClient.create(server.config())) {
            ListenerTestSupport.runner(server).withBean(ObservationRegistry.class, () -> registry)
                    .withBean(Jobs.class).run(context -> {
                        Jobs jobs = context.getBean(Jobs.class);
                        client.lpush("obs-jobs", "a");
                        client.lpush("obs-jobs", "bad");
                        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                                    .hasNameEqualTo(MicrometerListenerDeliveryObserver.NAME)
                                    .hasLowCardinalityKeyValue("messaging.system", "redis")
                                    .hasLowCardinalityKeyValue("messaging.destination.name", "obs-jobs")
                                    .hasLowCardinalityKeyValue("messaging.consumer.group.name", "observedJobs")
                                    .hasLowCardinalityKeyValue("redis.listener.kind", "queue")
                                    .hasLowCardinalityKeyValue("outcome", "success"));
                            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                                    .hasNameEqualTo(MicrometerListenerDeliveryObserver.NAME)
                                    .hasLowCardinalityKeyValue("outcome", "failure")
                                    .hasLowCardinalityKeyValue("error.type", "IllegalStateException"));
                        });
                        await().until(() -> jobs.done.contains("a"));
                    });
            client.del("obs-jobs");
        }
    }
}
