package io.respkit.spring.observation;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.respkit.RedisClient;
import io.respkit.connection.CommandObserver;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Micrometer Observation of the client bean, with Micrometer's test registry, against a real server. */
@ExtendWith(RedisServerExtension.class)
class RedisObservationIntegrationTests {

    private ApplicationContextRunner runner(RedisServer server) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("redis.url=" + server.url());
    }

    @Test
    void everyCommandPipelineAndTransactionIsObservedWithDatabaseConventions(RedisServer server) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner(server).withBean(ObservationRegistry.class, () -> registry).run(context -> {
            @SuppressWarnings("unchecked")
            RedisTemplate<String> template = context.getBean(RedisTemplate.class);
            template.set("obs:t", "v");
            assertThatThrownBy(() -> template.lpush("obs:t", "x")).isInstanceOf(RuntimeException.class);
            @SuppressWarnings("unchecked")
            RedisClient<String> client = context.getBean(RedisClient.class);
            client.pipelined(p -> {
                p.get("obs:t");
                p.get("obs:t");
            });
            client.del("obs:t");

            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsWithNameEqualTo(MicrometerCommandObserver.NAME, 4)
                    .forAllObservationsWithNameEqualTo(MicrometerCommandObserver.NAME, o -> o
                            .hasLowCardinalityKeyValue("db.system.name", "redis")
                            .hasLowCardinalityKeyValue("server.port", Integer.toString(server.port()))
                            .hasLowCardinalityKeyValueWithKey("db.operation.name")
                            .hasLowCardinalityKeyValue("db.namespace", "0"));
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "SET")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasLowCardinalityKeyValue("error.type", "none"));
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "LPUSH")
                    .hasLowCardinalityKeyValue("outcome", "failure").hasError());
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation(o -> o
                    .hasLowCardinalityKeyValue("db.operation.name", "PIPELINE")
                    .hasHighCardinalityKeyValue("db.operation.batch.size", "2"));
        });
    }

    /** {@code db.query.text} only when opted in, as much as asked for; a value that is no mode stops the start. */
    @Test
    void queryTextOnlyWhenOptedIn(RedisServer server) {
        for (String mode : new String[] {null, "none", "sanitized", "FULL"}) {
            TestObservationRegistry registry = TestObservationRegistry.create();
            ApplicationContextRunner r = runner(server).withBean(ObservationRegistry.class, () -> registry);
            if (mode != null) {
                r = r.withPropertyValues("redis.observation.query-text=" + mode);
            }
            r.run(context -> {
                @SuppressWarnings("unchecked")
                RedisClient<String> client = context.getBean(RedisClient.class);
                client.set("obs:q", "Ada");
                client.del("obs:q");
            });
            if (mode == null || mode.equals("none")) {
                TestObservationRegistryAssert.assertThat(registry).forAllObservationsWithNameEqualTo(
                        MicrometerCommandObserver.NAME, o -> o.doesNotHaveHighCardinalityKeyValueWithKey("db.query.text"));
            } else {
                String set = mode.equals("FULL") ? "SET obs:q Ada" : "SET obs:q ?";
                TestObservationRegistryAssert.assertThat(registry)
                        .hasAnObservation(o -> o.hasHighCardinalityKeyValue("db.query.text", set))
                        .hasAnObservation(o -> o.hasHighCardinalityKeyValue("db.query.text", "DEL obs:q"));
            }
        }
        runner(server).withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .withPropertyValues("redis.observation.query-text=everything")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void withoutARegistryOrWhenTurnedOffTheClientIsNotWrapped(RedisServer server) {
        runner(server).run(context -> {
            @SuppressWarnings("unchecked")
            RedisClient<String> client = context.getBean(RedisClient.class);
            assertThat(context.getBean(CommandObserver.class)).isInstanceOf(MicrometerCommandObserver.class);
            assertThat(((MicrometerCommandObserver) context.getBean(CommandObserver.class)).isActive()).isFalse();
            assertThat(client.ping()).isEqualTo("PONG");
        });
        runner(server).withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .withPropertyValues("redis.observation.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CommandObserver.class));
    }
}
