package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.TransactionResult;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.ReplyDecoders;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 9: state never leaks from one borrower to the next. With a pool of one connection, whatever a borrower
 * leaves behind (an aborted {@code MULTI}, a {@code WATCH} without {@code EXEC}, another database) is either reset
 * before the connection is reused or the connection is destroyed, and a subscription is refused before it is sent;
 * the next borrower always sees database 0, no {@code MULTI}, no {@code WATCH} and no subscription.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class StateLeakIntegrationTests {

    private RedisClient<String> other;

    @BeforeEach
    void otherClient(RedisServer server) {
        other = RedisClient.create(server.config());
        other.flushall();
    }

    @AfterEach
    void close() {
        other.close();
    }

    private static ConnectionPool singleConnectionPool(RedisServer server, RespVersion protocol) {
        return ConnectionPool.create(server.configBuilder().protocol(protocol).timeout(Duration.ofMillis(500))
                .pool(PoolConfig.builder().maxTotal(1).build()).build());
    }

    private static Command<String> raw(RedisCommands<String> r, String name, String... args) {
        Command<String> c = Command.create(r.codec(), name, ReplyDecoders.string());
        for (String a : args) {
            c.arg(a);
        }
        return c;
    }

    /** The server's view of the calling connection: its CLIENT LIST fields. */
    private static Map<String, String> serverView(RedisCommands<String> r) {
        long id = r.clientId();
        for (String line : r.clientList().split("\n")) {
            if (line.startsWith("id=" + id + " ")) {
                Map<String, String> fields = new HashMap<>();
                for (String f : line.trim().split(" ")) {
                    int eq = f.indexOf('=');
                    fields.put(f.substring(0, eq), f.substring(eq + 1));
                }
                return fields;
            }
        }
        throw new AssertionError("client " + id + " not in CLIENT LIST");
    }

    /**
     * What the next borrower must see: database 0, no MULTI, no subscription, no WATCH (a key another client changes
     * does not abort its transaction), and its own replies.
     */
    private void assertCleanNextBorrower(RedisClient<String> redis, String watchedKey) {
        Map<String, String> view = redis.withConnection(StateLeakIntegrationTests::serverView);
        assertThat(view).containsEntry("db", "0").containsEntry("multi", "-1").containsEntry("sub", "0")
                .containsEntry("psub", "0").containsEntry("flags", "N");
        other.set(watchedKey, "changed-by-another-client");
        TransactionResult result = redis.multi(tx -> tx.set("leak:after", "ran"));
        assertThat(result.aborted()).as("a leaked WATCH would abort this EXEC").isFalse();
        assertThat(other.get("leak:after")).isEqualTo("ran");
        Leaks.assertRepliesRouted(redis, 50);
        Leaks.assertPoolWhole(redis.pool());
    }

    @Test
    void exceptionInAMultiBodySendsNothingAndKeepsTheConnection(RedisServer server) {
        try (ConnectionPool pool = singleConnectionPool(server, RespVersion.RESP3);
             RedisClient<String> redis = RedisClient.create(pool)) {
            long id = redis.clientId();
            long destroyed = pool.stats().destroyed();
            assertThatThrownBy(() -> redis.multi(tx -> {
                tx.set("leak:multi", "queued");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            // MULTI and the queued commands are only sent by exec(): nothing reached the server, nothing to reset.
            assertThat(other.get("leak:multi")).isNull();
            assertThat(redis.clientId()).isEqualTo(id);
            assertThat(pool.stats().destroyed()).isEqualTo(destroyed);
            assertCleanNextBorrower(redis, "leak:multi:w");
        }
    }

    @Test
    void multiLeftOpenOnTheConnectionIsDestroyed(RedisServer server) {
        try (ConnectionPool pool = singleConnectionPool(server, RespVersion.RESP3);
             RedisClient<String> redis = RedisClient.create(pool)) {
            long destroyed = pool.stats().destroyed();
            assertThatThrownBy(() -> redis.withConnection(r -> {
                r.execute(raw(r, "MULTI"));
                assertThat(r.execute(raw(r, "SET", "leak:open", "queued"))).isEqualTo("QUEUED");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(pool.stats().destroyed()).isEqualTo(destroyed + 1);
            assertThat(other.get("leak:open")).as("the open MULTI was never executed").isNull();
            assertCleanNextBorrower(redis, "leak:open:w");
        }
    }

    @Test
    void watchInATransactionBodyThatThrowsIsReset(RedisServer server) {
        try (ConnectionPool pool = singleConnectionPool(server, RespVersion.RESP3);
             RedisClient<String> redis = RedisClient.create(pool)) {
            long id = redis.clientId();
            long destroyed = pool.stats().destroyed();
            assertThatThrownBy(() -> redis.transaction(List.of("leak:watched"), (watched, tx) -> {
                tx.set("leak:watched", "never");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            // Reset with UNWATCH and kept: same connection, nothing destroyed.
            assertThat(redis.clientId()).isEqualTo(id);
            assertThat(pool.stats().destroyed()).isEqualTo(destroyed);
            assertCleanNextBorrower(redis, "leak:watched");
        }
    }

    @Test
    void watchWithoutExecIsDestroyed(RedisServer server) {
        try (ConnectionPool pool = singleConnectionPool(server, RespVersion.RESP3);
             RedisClient<String> redis = RedisClient.create(pool)) {
            long destroyed = pool.stats().destroyed();
            redis.withConnection(r -> r.execute(raw(r, "WATCH", "leak:w")));
            assertThat(pool.stats().destroyed()).isEqualTo(destroyed + 1);
            assertCleanNextBorrower(redis, "leak:w");
        }
    }

    /** CLIENT NO-EVICT (and the other per-connection CLIENT modes) would carry over to the next borrower. */
    @Test
    void clientNoEvictIsDestroyed(RedisServer server) {
        try (ConnectionPool pool = singleConnectionPool(server, RespVersion.RESP3);
             RedisClient<String> redis = RedisClient.create(pool)) {
            long destroyed = pool.stats().destroyed();
            assertThat(redis.execute("CLIENT", "NO-EVICT", "on")).isEqualTo("OK");
            assertThat(pool.stats().destroyed()).isEqualTo(destroyed + 1);
            String info = (String) redis.execute("CLIENT", "INFO");
            assertThat(info.split(" ")).filteredOn(f -> f.startsWith("flags=")).singleElement()
                    .satisfies(flags -> assertThat(flags).doesNotContain("e"));
        }
    }

    @Test
    void selectOfAnotherDatabaseIsDestroyed(RedisServer server) {
        try (ConnectionPool pool = singleConnectionPool(server, RespVersion.RESP3);
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("leak:db", "db0");
            long destroyed = pool.stats().destroyed();
            redis.withConnection(r -> {
                r.select(5);
                return r.set("leak:db", "db5");
            });
            assertThat(pool.stats().destroyed()).isEqualTo(destroyed + 1);
            assertThat(redis.get("leak:db")).isEqualTo("db0");
            assertCleanNextBorrower(redis, "leak:db:w");
        }
    }

    /**
     * With RESP2 the confirmation is an ordinary reply and the connection comes back subscribed; with RESP3 it is a
     * push frame, which a plain command call does not take as its reply, so the call times out. Either way the
     * connection is destroyed.
     */
    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void subscribeOnAPooledConnectionIsRefusedBeforeItIsSent(RespVersion protocol, RedisServer server) {
        try (ConnectionPool pool = singleConnectionPool(server, protocol);
             RedisClient<String> redis = RedisClient.create(pool)) {
            long destroyed = pool.stats().destroyed();
            // Over RESP3 the confirmation would be a push frame: a caller waiting for a reply would time out.
            assertThatThrownBy(() -> redis.withConnection(r -> r.execute(Command.create(r.codec(), "SUBSCRIBE",
                    ReplyDecoders.raw()).arg("leak:ch")))).isInstanceOf(RedisUnsupportedCommandException.class)
                    .hasMessageContaining("subscriber()");
            assertThat(pool.stats().destroyed()).as("nothing was sent: the connection stays").isEqualTo(destroyed);
            assertThat(other.pubsubNumsub("leak:ch").get("leak:ch")).isZero();
            assertThat(redis.publish("leak:ch", "nobody")).isZero();
            assertCleanNextBorrower(redis, "leak:ch:w");
        }
    }
}
