package io.respkit.reliability;

import io.respkit.Pipeline;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.pool.PoolConfig;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code RESET} queued in a transaction ({@code multi(...)}, {@code transaction(...)}, a transactional pipeline): the
 * server does not queue it but runs it at once, which ends the {@code MULTI}, so the commands queued after it would run
 * one by one, outside the transaction, and on a connection reset to database 0 and the default user. It is refused as
 * it is queued, before anything is sent, and the next caller gets a connection still on its configured database
 * (found by an independent test: the SET after RESET ran, in db 0, and the next caller read db 0).
 */
@ExtendWith(RedisServerExtension.class)
class ResetInTransactionIntegrationTests {

    private static Command<Object> reset() {
        return Command.create(StringCodec.UTF8, "RESET", ReplyDecoders.raw());
    }

    @Test
    void resetIsRefusedInEveryKindOfTransactionAndNothingRuns(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().database(3)
                .pool(PoolConfig.builder().maxTotal(1).build()).build());
             RedisClient<String> db0 = RedisClient.create(server.config())) {
            redis.del("rt:before", "rt:after");
            db0.del("rt:before", "rt:after");
            redis.set("rt:mine", "db3");

            assertThatThrownBy(() -> redis.multi(tx -> {
                tx.set("rt:before", "1");
                tx.enqueue(reset());
                tx.set("rt:after", "2");
            })).isInstanceOf(RedisUnsupportedCommandException.class).hasMessageContaining("RESET");
            assertThatThrownBy(() -> redis.transaction(List.of("rt:mine"), (watched, tx) -> {
                tx.enqueue(reset());
                tx.set("rt:after", "2");
            })).isInstanceOf(RedisUnsupportedCommandException.class);
            try (Pipeline<String> pipe = redis.transactionalPipeline()) {
                pipe.set("rt:before", "1");
                assertThatThrownBy(() -> pipe.enqueue(reset())).isInstanceOf(RedisUnsupportedCommandException.class);
                pipe.set("rt:after", "2");
                pipe.execute(); // the rest of the round runs, atomically, without the RESET
            }

            assertThat(db0.exists("rt:before", "rt:after")).isZero(); // nothing ran in db 0
            assertThat(redis.get("rt:mine")).isEqualTo("db3");          // the next caller is still on db 3
            assertThat(redis.get("rt:after")).isEqualTo("2");
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    /**
     * An EXEC the server refuses for another reason than a queueing error (here NOPERM: the user may run MULTI but
     * not EXEC, so the MULTI stays open on the server) leaves the connection in an unknown state: it is closed, and
     * the next caller's command runs at once on a fresh connection instead of being queued.
     */
    @Test
    void anExecRefusedForAnotherReasonClosesTheConnection(RedisServer server) {
        try (RedisClient<String> admin = RedisClient.create(server.config())) {
            admin.execute("ACL", "SETUSER", "noexec", "reset", "on", ">noexec-pw", "~*", "+@all", "-exec");
            try (RedisClient<String> redis = RedisClient.create(server.configBuilder().username("noexec")
                    .password("noexec-pw").pool(PoolConfig.builder().maxTotal(1).build()).build())) {
                redis.del("rt:queued");
                assertThatThrownBy(() -> redis.multi(tx -> tx.set("rt:queued", "1")))
                        .isInstanceOf(io.respkit.exceptions.RedisException.class).hasMessageContaining("EXEC");
                assertThat(redis.set("rt:next", "runs")).isTrue();
                assertThat(admin.get("rt:next")).isEqualTo("runs");
                assertThat(admin.exists("rt:queued")).isZero();
                Leaks.assertPoolWhole(redis.pool());
            } finally {
                admin.execute("ACL", "DELUSER", "noexec");
            }
        }
    }

    /**
     * WATCH too: the server answers it at once ("WATCH inside MULTI is not allowed") without aborting, so EXEC
     * returned one result fewer than queued and the caller saw a protocol error after the writes had committed
     * (found by an independent test).
     */
    @Test
    void discardExecMultiAndWatchAreRefusedAsTheyAreQueued(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.config())) {
            for (String name : List.of("DISCARD", "exec", "Multi", "watch")) {
                assertThatThrownBy(() -> redis.multi(tx -> tx.enqueue(
                        Command.create(StringCodec.UTF8, name, ReplyDecoders.raw()))))
                        .isInstanceOf(RedisUnsupportedCommandException.class);
            }
            Leaks.assertPoolWhole(redis.pool());
        }
    }
}
