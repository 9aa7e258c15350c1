package io.respkit.spring.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.PipelineOptions;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.TransactionResult;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisHealthAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisHealthIndicator;
import io.respkit.spring.boot.autoconfigure.RedisMetricsAutoConfiguration;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The auto-configured template, health indicator and metrics against a real Redis server. */
@ExtendWith(RedisServerExtension.class)
class RedisTemplateIntegrationTests {

    public record Person(String name, int age) {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                    RedisHealthAutoConfiguration.class, RedisMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @SuppressWarnings("unchecked")
    private static RedisTemplate<String> template(org.springframework.context.ApplicationContext context) {
        return context.getBean(RedisTemplate.class);
    }

    @Test
    void setGetAndIncr(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url()).run(context -> {
            RedisTemplate<String> redis = template(context);
            assertThat(redis.set("it:greeting", "héllo")).isTrue();
            assertThat(redis.get("it:greeting")).isEqualTo("héllo");
            assertThat(redis.get("it:absent")).isNull();
            redis.execute("DEL", "it:counter");
            assertThat(redis.incr("it:counter")).isEqualTo(1);
            assertThat(redis.incr("it:counter")).isEqualTo(2);
        });
    }

    @Test
    void pipelinedRaisesOrReturnsErrors(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url()).run(context -> {
            RedisTemplate<String> redis = template(context);
            assertThatExceptionOfType(RedisPipelineException.class)
                    .isThrownBy(() -> redis.pipelined(p -> {
                        p.set("it:p", "not a number");
                        p.incr("it:p");
                        p.get("it:p");
                    }))
                    .satisfies(e -> {
                        assertThat(e.index()).isEqualTo(1);
                        assertThat(e.results()).hasSize(3);
                        assertThat(e.results().get(2)).isEqualTo("not a number");
                    });

            List<Object> results = redis.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), p -> {
                p.set("it:p", "7");
                p.incr("it:p");
                p.set("it:q", "x");
                p.incr("it:q");
            });
            assertThat(results).hasSize(4);
            assertThat(results.get(0)).isEqualTo(true);
            assertThat(results.get(1)).isEqualTo(8L);
            assertThat(results.get(3)).isInstanceOf(RedisServerException.class);
        });
    }

    @Test
    void multiRunsAtomically(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url()).run(context -> {
            RedisTemplate<String> redis = template(context);
            TransactionResult result = redis.multi(tx -> {
                tx.set("it:m", "41");
                tx.incr("it:m");
            });
            assertThat(result.aborted()).isFalse();
            assertThat(result.results()).containsExactly(true, 42L);
            assertThat(redis.get("it:m")).isEqualTo("42");
        });
    }

    @Test
    void multiWithAKeyIgnoresItForRoutingOnOneServer(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url()).run(context -> {
            RedisTemplate<String> redis = template(context);
            // On one server the key names the slot the cluster form would need; commands of any key may be queued.
            TransactionResult result = redis.multi("{it:acct}:balance", tx -> {
                tx.set("{it:acct}:balance", "9");
                tx.incr("{it:acct}:balance");
                tx.set("it:elsewhere", "x");
            });
            assertThat(result.results()).containsExactly(true, 10L, true);
            assertThat(redis.get("{it:acct}:balance")).isEqualTo("10");
        });
    }

    @Test
    void aPipelineBodyTypedOnTheSharedCommandsRuns(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url()).run(context -> {
            RedisTemplate<String> redis = template(context);
            Consumer<RedisPipelineCommands<String>> body = p -> {
                p.set("it:shared", "1");
                p.incr("it:shared");
            };
            assertThat(redis.pipelined(body)).containsExactly(true, 2L);
            // Pipeline-only methods stay reachable through the single-node client.
            assertThat(redis.client().pipelined(p -> {
                p.watch("it:shared");
                p.multi();
                p.incr("it:shared");
            })).containsExactly(3L);
        });
    }

    @Test
    void forTypeStoresJson(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url()).run(context -> {
            RedisTemplate<String> redis = template(context);
            RedisTemplate<Person> people = redis.forType(Person.class);
            assertThat(redis.forType(Person.class)).isSameAs(people);
            assertThat(people.set("it:person", new Person("Ada", 36))).isTrue();
            assertThat(people.get("it:person")).isEqualTo(new Person("Ada", 36));

            byte[] stored = redis.withCodec(ByteArrayCodec.INSTANCE).get("it:person");
            JsonNode json = JsonMapper.shared().readTree(new String(stored, StandardCharsets.UTF_8));
            assertThat(json.path("name").asString()).isEqualTo("Ada");
            assertThat(json.path("age").asInt()).isEqualTo(36);
            assertThat(json.size()).isEqualTo(2);
        });
    }

    @Test
    void healthIsUpWithVersionAndPool(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url(), "redis.pool.max-total=3").run(context -> {
            Health health = context.getBean(RedisHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat((String) health.getDetails().get("version")).matches("\\d+\\.\\d+.*");
            assertThat(health.getDetails()).containsEntry("address", server.host() + ":" + server.port());
            assertThat((Map<String, Object>) health.getDetails().get("pool"))
                    .containsEntry("maxTotal", 3).containsEntry("active", 0).containsEntry("idle", 1)
                    .containsEntry("waiters", 0);
        });
    }

    @Test
    void healthIsDownAgainstAClosedPortWithoutThePassword() throws IOException {
        int port = closedPort();
        runner.withPropertyValues("redis.url=redis://:pw-never-shown@127.0.0.1:" + port, "redis.connect-timeout=1s")
                .run(context -> {
                    Health health = context.getBean(RedisHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat((String) health.getDetails().get("error")).contains("127.0.0.1:" + port);
                    assertThat(health.toString()).doesNotContain("pw-never-shown");
                    assertThat(health.getDetails()).containsKey("pool");
                });
    }

    @Test
    void timersPerCommandPipelineAndMulti(RedisServer server) {
        runner.withPropertyValues("redis.url=" + server.url()).run(context -> {
            RedisTemplate<String> redis = template(context);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            redis.set("it:t", "1");
            redis.set("it:t", "2");
            redis.get("it:t");
            redis.pipelined(p -> p.get("it:t"));
            redis.multi(tx -> tx.incr("it:t"));
            redis.multi("it:t", tx -> tx.incr("it:t"));
            redis.transaction(List.of("it:t"), (watched, tx) -> tx.incr("it:t"));
            redis.forType(Person.class).get("it:no-person");
            redis.withConnection(c -> c.get("it:t"));

            assertThat(registry.get("respkit.commands").tag("command", "SET").timer().count()).isEqualTo(2);
            assertThat(registry.get("respkit.commands").tag("command", "GET").timer().count()).isEqualTo(3);
            assertThat(registry.get("respkit.commands").tag("command", "PIPELINE").timer().count()).isEqualTo(1);
            assertThat(registry.get("respkit.commands").tag("command", "MULTI").timer().count()).isEqualTo(3);
            assertThat(registry.find("respkit.commands").tag("command", "INCR").timer())
                    .as("commands inside a transaction count as the MULTI call").isNull();
            assertThat(registry.get("respkit.pool.idle").tag("address", server.host() + ":" + server.port())
                    .gauge().value()).isGreaterThanOrEqualTo(1.0);
        });
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
