package io.respkit;

import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTransactionAbortedException;

import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code MULTI}/{@code EXEC} transactions against a real server, over RESP2 and RESP3: results, queueing errors
 * ({@code EXECABORT}), run-time errors, optimistic {@code WATCH} retries, discard, and a clean pool afterwards.
 */
@ExtendWith(RedisServerExtension.class)
class TransactionIntegrationTests {

    private RedisClient<String> redis;

    private RedisClient<String> client(RedisServer server, RespVersion protocol) {
        redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .pool(PoolConfig.builder().maxTotal(4).build()).build());
        redis.execute("FLUSHALL");
        return redis;
    }

    @AfterEach
    void poolIsCleanAfterwards() {
        if (redis == null) {
            return;
        }
        assertThat(redis.pool().stats().active()).isZero();
        // the connection the pool hands out next is on db 0 and outside MULTI
        redis.withConnection(r -> {
            assertThat(r.execute(Command.create(r.codec(), "CLIENT INFO", ReplyDecoders.string())))
                    .contains(" db=0 ").contains(" multi=-1 ");
            return null;
        });
        String value = UUID.randomUUID().toString();
        assertThat(redis.set("clean-check", value)).isTrue();
        assertThat(redis.get("clean-check")).isEqualTo(value);
        redis.close();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void setAndIncr(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        TransactionResult result = redis.multi(tx -> {
            tx.set("n", "1");
            tx.incr("n");
        });
        assertThat(result.aborted()).isFalse();
        assertThat(result.results()).containsExactly(true, 2L);
        assertThat(result.size()).isEqualTo(2);
        assertThat(result.get(1)).isEqualTo(2L);
        assertThat(redis.get("n")).isEqualTo("2");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void tryWithResourcesTransactionWithResponses(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        try (Transaction<String> tx = redis.multi()) {
            Response<Boolean> set = tx.set("a", "10");
            Response<Long> incr = tx.incr("a");
            Response<String> get = tx.get("a");
            assertThatThrownBy(incr::get).isInstanceOf(IllegalStateException.class);
            TransactionResult result = tx.exec();
            assertThat(result.results()).containsExactly(true, 11L, "11");
            assertThat(set.get()).isTrue();
            assertThat(incr.get()).isEqualTo(11L);
            assertThat(get.get()).isEqualTo("11");
            assertThatThrownBy(tx::exec).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> tx.get("a")).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void queueErrorAbortsEverything(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        RedisServerException unknown = catchThrowableOfType(() -> redis.multi(tx -> {
            tx.set("q1", "v1");
            tx.enqueue(Command.create(tx.codec(), "NOSUCHCOMMAND", ReplyDecoders.raw()).arg("x"));
            tx.set("q2", "v2");
        }), RedisServerException.class);
        assertThat(unknown).isNotNull();
        assertThat(unknown.code()).isEqualTo("EXECABORT");
        assertThat(unknown.getMessage()).contains("NOSUCHCOMMAND", "#1");

        Response<?>[] arity = new Response<?>[2];
        RedisServerException wrongArity = catchThrowableOfType(() -> redis.multi(tx -> {
            arity[0] = tx.set("q3", "v3");
            arity[1] = tx.enqueue(Command.create(tx.codec(), "GET", ReplyDecoders.raw()).key("a").key("b"));
        }), RedisServerException.class);
        assertThat(wrongArity).isNotNull();
        assertThat(wrongArity.code()).isEqualTo("EXECABORT");
        assertThat(arity[1].failure()).isInstanceOf(RedisServerException.class)
                .hasMessageContaining("wrong number of arguments");
        assertThatThrownBy(arity[0]::get).isInstanceOf(RedisServerException.class);

        assertThat(redis.mget("q1", "q2", "q3")).containsExactly(null, null, null);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void runtimeErrorFailsOnlyItsCommand(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        redis.set("mykey", "hello");
        try (Transaction<String> tx = redis.multi()) {
            tx.set("t1", "v1");
            Response<Long> push = tx.enqueue(Command.create(tx.codec(), "LPUSH", ReplyDecoders.integer())
                    .key("mykey").value("item"));
            Response<Long> incr = tx.incr("counter");
            TransactionResult result = tx.exec();

            assertThat(result.aborted()).isFalse();
            assertThat(result.results()).hasSize(3);
            assertThat(result.get(0)).isEqualTo(true);
            assertThat(result.get(1)).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThat(result.get(2)).isEqualTo(1L);
            assertThatThrownBy(push::get).isSameAs(result.get(1));
            assertThat(incr.get()).isEqualTo(1L);
        }
        assertThat(redis.get("t1")).isEqualTo("v1");
        assertThat(redis.get("mykey")).isEqualTo("hello");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void watchConflictIsRetried(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        redis.set("k", "10");
        AtomicInteger attempts = new AtomicInteger();
        TransactionResult result = redis.transaction(List.of("k"), (watched, tx) -> {
            int attempt = attempts.incrementAndGet();
            long current = Long.parseLong(watched.get("k"));
            if (attempt == 1) {
                redis.set("k", "100"); // another connection of the pool changes the watched key
            }
            tx.set("k", Long.toString(current + 1));
            tx.get("k");
        });
        assertThat(attempts).hasValue(2);
        assertThat(result.aborted()).isFalse();
        assertThat(result.results()).containsExactly(true, "101");
        assertThat(redis.get("k")).isEqualTo("101");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void watchConflictOnEveryAttemptGivesUp(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> redis.transaction(List.of("w"), 3, (watched, tx) -> {
            attempts.incrementAndGet();
            redis.incr("w");
            tx.set("w", "mine");
        })).isInstanceOf(RedisTransactionAbortedException.class).hasMessageContaining("3 times");
        assertThat(attempts).hasValue(3);
        assertThat(redis.get("w")).isEqualTo("3");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void transactionWithoutWatchedKeys(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        redis.set("plain", "1");
        TransactionResult result = redis.transaction(List.of(), (watched, tx) -> tx.incr("plain"));
        assertThat(result.results()).containsExactly(2L);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void discardDropsEverything(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        Response<Boolean> set;
        try (Transaction<String> tx = redis.multi()) {
            set = tx.set("d", "1");
            tx.discard();
            assertThatThrownBy(tx::discard).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(tx::exec).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(set::get).isInstanceOf(RedisException.class).hasMessageContaining("discarded");
        assertThat(redis.get("d")).isNull();

        // an unexecuted transaction is discarded on close
        try (Transaction<String> tx = redis.multi()) {
            tx.set("d2", "1");
        }
        assertThat(redis.get("d2")).isNull();
        assertThat(redis.pool().stats().destroyed()).isZero();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void exceptionInBodiesLeavesThePoolClean(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        assertThatThrownBy(() -> redis.multi(tx -> {
            tx.set("x", "1");
            throw new IllegalStateException("multi body");
        })).hasMessage("multi body");
        assertThatThrownBy(() -> redis.transaction(List.of("x"), (watched, tx) -> {
            tx.set("x", "1");
            throw new IllegalStateException("transaction body");
        })).hasMessage("transaction body");
        assertThat(redis.get("x")).isNull();
        assertThat(redis.pool().stats().active()).isZero();
    }
}
