package io.respkit.observation;

import io.respkit.RedisClient;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.CommandObserver.QueryText;
import io.respkit.exceptions.RedisServerException;
import io.respkit.test.QueryTextRecorder;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class CommandObserverIntegrationTests {

    /** Records "NAME xN -> ok|ExceptionClass" per call. */
    static final class Recorder implements CommandObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Call start(Operation op) {
            String head = op.name() + " x" + op.commands() + " @" + op.port() + "/" + op.database();
            return new Call() {
                @Override
                public void succeeded() {
                    calls.add(head + " -> ok");
                }

                @Override
                public void failed(RuntimeException error) {
                    calls.add(head + " -> " + error.getClass().getSimpleName());
                }
            };
        }
    }

    @Test
    void everySurfaceIsOneObservedCallWithItsOutcome(RedisServer server) {
        Recorder recorder = new Recorder();
        try (RedisClient<String> plain = RedisClient.create(server.config())) {
            RedisClient<String> redis = plain.withObserver(recorder);
            String at = " @" + server.port() + "/0";
            redis.set("obs:k", "v");
            assertThat(redis.get("obs:k")).isEqualTo("v");
            assertThatThrownBy(() -> redis.lpush("obs:k", "x")).isInstanceOf(RedisServerException.class);
            redis.pipelined(p -> {
                p.set("obs:a", "1");
                p.get("obs:a");
                p.del("obs:a");
            });
            redis.multi(tx -> {
                tx.incr("obs:n");
                tx.incr("obs:n");
            });
            redis.async().get("obs:k").join();
            plain.get("obs:k"); // the client it was made from stays unobserved

            await().until(() -> recorder.calls.size() == 6);
            assertThat(recorder.calls).containsExactly("SET x1" + at + " -> ok", "GET x1" + at + " -> ok",
                    "LPUSH x1" + at + " -> " + recorder.calls.get(2).substring(recorder.calls.get(2).indexOf("-> ") + 3),
                    "PIPELINE x3" + at + " -> ok", "MULTI x2" + at + " -> ok", "GET x1" + at + " -> ok");
            assertThat(recorder.calls.get(2)).startsWith("LPUSH").endsWith("Exception");
            redis.del("obs:k", "obs:n");
        }
    }

    /** Commands run on one connection are observed too: withConnection, and WATCH and the reads of a transaction. */
    @Test
    void commandsOnOneConnectionAreObserved(RedisServer server) {
        Recorder recorder = new Recorder();
        try (RedisClient<String> plain = RedisClient.create(server.config())) {
            RedisClient<String> redis = plain.withObserver(recorder);
            String at = " @" + server.port() + "/0";
            redis.withConnection(c -> {
                c.set("obs:w", "1");
                return c.get("obs:w");
            });
            redis.transaction(List.of("obs:w"), (now, tx) -> {
                String v = now.get("obs:w");
                tx.set("obs:w", v + "1");
            });
            assertThat(recorder.calls).containsExactly("SET x1" + at + " -> ok", "GET x1" + at + " -> ok",
                    "WATCH x1" + at + " -> ok", "GET x1" + at + " -> ok", "MULTI x1" + at + " -> ok");
            redis.del("obs:w");
        }
    }

    @Test
    void queryTextIsWhatTheObserverAskedForAndNeverACredential(RedisServer server) {
        for (QueryText mode : QueryText.values()) {
            QueryTextRecorder recorder = new QueryTextRecorder(mode, null);
            try (RedisClient<String> plain = RedisClient.create(server.config())) {
                RedisClient<String> redis = plain.withObserver(recorder);
                redis.set("obs:t", "Ada");
                redis.async().get("obs:t").join();
                redis.pipelined(p -> {
                    p.incr("obs:n");
                    p.hset("obs:h", "f", "v");
                });
                redis.multi(tx -> tx.del("obs:t", "obs:n", "obs:h"));
                assertThatThrownBy(() -> redis.execute(Command.create(redis.codec(), "AUTH", ReplyDecoders.raw())
                        .arg("nobody").arg("LEAKpw"))).isInstanceOf(RedisServerException.class);
            }
            List<String> expected = switch (mode) {
                case NONE -> List.of("null", "null", "null", "null", "null");
                case SANITIZED -> List.of("SET obs:t ?", "GET obs:t", "INCR obs:n; HSET obs:h ? ?",
                        "DEL obs:t obs:n obs:h", "AUTH ? ?");
                case FULL -> List.of("SET obs:t Ada", "GET obs:t", "INCR obs:n; HSET obs:h f v",
                        "DEL obs:t obs:n obs:h", "AUTH ? ?");
            };
            assertThat(recorder.texts()).as(mode.toString()).containsExactlyElementsOf(expected);
        }
    }

    /**
     * A command line passed as a command's name ({@code execute("SET k v")}) puts no argument in the operation's name
     * (a span's name, the low-cardinality {@code db.operation.name}), in any mode: that is the command's name in upper
     * case, and its arguments are only in the query text, as asked for.
     */
    @Test
    void argumentsPassedInTheNameAreNoPartOfTheOperationsName(RedisServer server) {
        for (QueryText mode : QueryText.values()) {
            List<String> names = new CopyOnWriteArrayList<>();
            QueryTextRecorder recorder = new QueryTextRecorder(mode, op -> {
                names.add(op.name());
                return null;
            });
            List<String> texts = recorder.texts();
            try (RedisClient<String> plain = RedisClient.create(server.config())) {
                RedisClient<String> redis = plain.withObserver(recorder);
                redis.execute("SET obs:line LEAKvalue");
                assertThat(redis.execute("echo\tLEAKvalue")).isEqualTo("LEAKvalue");
                redis.async().enqueue(Command.create(redis.codec(), "GET obs:line", ReplyDecoders.raw())).join();
                redis.execute("config get", "maxmemory");
                redis.del("obs:line");
            }
            assertThat(names).as(mode.toString()).containsExactly("SET", "ECHO", "GET", "CONFIG GET", "DEL");
            if (mode != QueryText.FULL) {
                assertThat(texts).as(mode.toString()).noneMatch(t -> t.contains("LEAK"));
            }
        }
    }

    @Test
    void anObserverThatThrowsNeverBreaksACommand(RedisServer server) {
        CommandObserver broken = op -> {
            throw new IllegalStateException("observer bug");
        };
        try (RedisClient<String> plain = RedisClient.create(server.config())) {
            RedisClient<String> redis = plain.withObserver(broken);
            redis.set("obs:b", "v");
            assertThat(redis.get("obs:b")).isEqualTo("v");
            assertThat(redis.async().get("obs:b").join()).isEqualTo("v");
            redis.del("obs:b");
        }
    }
}
