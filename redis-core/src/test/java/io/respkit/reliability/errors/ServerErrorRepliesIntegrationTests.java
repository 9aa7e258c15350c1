package io.respkit.reliability.errors;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisBusyException;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisLoadingException;
import io.respkit.exceptions.RedisMasterDownException;
import io.respkit.exceptions.RedisMaxClientsException;
import io.respkit.exceptions.RedisOutOfMemoryException;
import io.respkit.exceptions.RedisReadOnlyException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.TransactionResult;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every error state of a real server reaches the caller as a typed exception carrying the server's code, the
 * connection stays usable (or, for refused connections, nothing leaks), and pools return to their baseline.
 * {@code -LOADING} comes from a scripted in-process server, because a real one cannot be held in the loading state
 * on demand; every other reply comes from {@code redis-server}.
 */
@ExtendWith(RedisServerExtension.class)
class ServerErrorRepliesIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RedisClient<String> redis;

    @BeforeAll
    static void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static Command<Object> command(String name, Object... args) {
        Command<Object> c = Command.create(StringCodec.UTF8, name, ReplyDecoders.raw());
        for (Object a : args) {
            c.arg(a.toString());
        }
        return c;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void loadingReplyIsARedisLoadingExceptionAndTheConnectionStaysUsable(RespVersion protocol) throws IOException {
        try (ScriptedRespServer loading = new ScriptedRespServer(
                cmd -> "-LOADING Redis is loading the dataset in memory\r\n");
             RedisConnection c = RedisConnection.open(RedisConfig.builder().host("127.0.0.1").port(loading.port())
                     .protocol(protocol).build())) {
            RedisLoadingException e = catchThrowableOfType(() -> c.execute(command("GET", "k")),
                    RedisLoadingException.class);
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo("LOADING");
            assertThat(e.serverMessage()).isEqualTo("LOADING Redis is loading the dataset in memory");
            assertThat(e.getMessage()).contains("GET", "127.0.0.1:" + loading.port());
            // An error reply is a complete reply: the connection is not broken and the next command is answered.
            assertThat(c.isUsable()).isTrue();
            assertThat(c.ping()).isTrue();
        }
    }

    @Test
    void busyScriptMakesOtherCommandsFailWithBusyUntilScriptKill() throws Exception {
        try (RedisProcess p = RedisProcess.start("--busy-reply-threshold", "100");
             RedisClient<String> looping = RedisClient.create(p.configBuilder().timeout(Duration.ofSeconds(20))
                     .build());
             RedisClient<String> other = RedisClient.create(p.config())) {
            CompletableFuture<Object> script = CompletableFuture.supplyAsync(
                    () -> looping.eval("while true do end", List.of(), List.of()));
            // Until the script passed the threshold the server does not read other clients at all.
            RedisBusyException busy = await().atMost(WAIT).until(() -> {
                try {
                    other.get("k");
                    return null;
                } catch (RedisBusyException e) {
                    return e;
                }
            }, e -> e != null);
            assertThat(busy.code()).isEqualTo("BUSY");
            assertThat(busy.serverMessage()).startsWith("BUSY Redis is busy running a script");

            assertThat(other.execute("SCRIPT", "KILL")).isEqualTo("OK");
            ExecutionException killed = catchThrowableOfType(() -> script.get(10, TimeUnit.SECONDS),
                    ExecutionException.class);
            // The killed script's caller gets the server's error, not a broken connection.
            assertThat(killed.getCause()).isInstanceOf(RedisServerException.class)
                    .isNotInstanceOf(RedisBusyException.class);
            assertThat(other.set("k", "v")).isTrue();
            assertThat(looping.get("k")).isEqualTo("v");
            assertThat(looping.pool().stats().active()).isZero();
            assertThat(other.pool().stats().active()).isZero();
            assertThat(other.pool().stats().destroyed()).isZero();
        }
    }

    @Test
    void writeOverMaxmemoryIsOutOfMemoryAndReadsStillWork() {
        redis.set("oom:existing", "v");
        redis.configSet("maxmemory", "1");
        try {
            RedisOutOfMemoryException e = catchThrowableOfType(() -> redis.set("oom:new", "v"),
                    RedisOutOfMemoryException.class);
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo("OOM");
            assertThat(e.serverMessage()).contains("maxmemory");
            assertThat(redis.get("oom:existing")).isEqualTo("v");
        } finally {
            redis.configSet("maxmemory", "0");
        }
        assertThat(redis.set("oom:new", "v")).isTrue();
        assertThat(redis.pool().stats().active()).isZero();
    }

    @Test
    void authenticationFailuresAreRedisAuthenticationExceptionsWithTheCode(RedisServer server) {
        redis.execute("ACL", "SETUSER", "reader", "on", ">reader-pw", "~*", "+get", "+hello", "+ping");
        try (RedisProcess secured = RedisProcess.start("--requirepass", "s3cret-pw")) {
            // RESP2: no HELLO, so the first command meets the server's NOAUTH.
            try (RedisClient<String> anonymous = RedisClient.create(secured.configBuilder()
                    .protocol(RespVersion.RESP2).build())) {
                RedisAuthenticationException noauth = catchThrowableOfType(() -> anonymous.get("k"),
                        RedisAuthenticationException.class);
                assertThat(noauth.code()).isEqualTo("NOAUTH");
                assertThat(anonymous.pool().stats().active()).isZero();
            }
            RedisAuthenticationException wrongpass = catchThrowableOfType(() -> RedisConnection.open(
                    secured.configBuilder().password("not-the-pw").build()), RedisAuthenticationException.class);
            assertThat(wrongpass.code()).isEqualTo("WRONGPASS");
            assertThat(wrongpass.getMessage()).doesNotContain("not-the-pw");
        }
        try (RedisClient<String> reader = RedisClient.create(server.configBuilder().username("reader")
                .password("reader-pw").build())) {
            assertThat(reader.get("missing")).isNull();
            RedisAuthenticationException noperm = catchThrowableOfType(() -> reader.set("k", "v"),
                    RedisAuthenticationException.class);
            assertThat(noperm.code()).isEqualTo("NOPERM");
            assertThat(noperm.getMessage()).doesNotContain("reader-pw");
            assertThat(reader.get("missing")).isNull();
            assertThat(reader.pool().stats().active()).isZero();
        } finally {
            redis.execute("ACL", "DELUSER", "reader");
        }
    }

    @Test
    void writeToAReplicaIsReadOnly(RedisServer server) {
        try (RedisProcess replica = RedisProcess.start("--replicaof", "127.0.0.1", Integer.toString(server.port()));
             RedisClient<String> client = RedisClient.create(replica.config())) {
            RedisReadOnlyException e = catchThrowableOfType(() -> client.set("ro", "v"),
                    RedisReadOnlyException.class);
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo("READONLY");
            assertThat(client.ping()).isEqualTo("PONG");
            assertThat(client.pool().stats().active()).isZero();
        }
    }

    @Test
    void replicaThatLostItsPrimaryAndServesNoStaleDataIsMasterDown() {
        try (RedisProcess primary = RedisProcess.start("--repl-diskless-sync-delay", "0");
             RedisProcess replica = RedisProcess.start("--replicaof", "127.0.0.1",
                     Integer.toString(primary.port()), "--replica-serve-stale-data", "no");
             RedisClient<String> client = RedisClient.create(replica.config())) {
            await().atMost(WAIT).until(() -> "up".equals(client.info("replication").get("master_link_status")));
            primary.kill();
            RedisMasterDownException e = await().atMost(WAIT).until(() -> {
                try {
                    client.get("k");
                    return null;
                } catch (RedisMasterDownException down) {
                    return down;
                }
            }, down -> down != null);
            assertThat(e.code()).isEqualTo("MASTERDOWN");
            assertThat(client.pool().stats().active()).isZero();
        }
    }

    @Test
    void queueErrorAbortsTheTransactionWithATypedExecAbort() {
        RedisExecAbortException e = catchThrowableOfType(() -> redis.multi(tx -> {
            tx.set("xa:1", "v");
            tx.enqueue(Command.create(tx.codec(), "NOSUCHCOMMAND", ReplyDecoders.raw()).arg("x"));
        }), RedisExecAbortException.class);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("EXECABORT");
        assertThat(e.getMessage()).contains("NOSUCHCOMMAND");
        assertThat(redis.get("xa:1")).isNull();
        assertThat(redis.pool().stats().active()).isZero();
    }

    @Test
    void execResultsMixValuesAndTypedErrors() {
        redis.del("mix");
        TransactionResult result = redis.multi(tx -> {
            tx.set("mix", "1");
            tx.lpush("mix", "x");
            tx.incr("mix");
        });
        assertThat(result.aborted()).isFalse();
        assertThat(result.get(0)).isEqualTo(true);
        assertThat(result.get(1)).isInstanceOfSatisfying(RedisServerException.class,
                e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
        assertThat(result.get(2)).isEqualTo(2L);
        assertThat(redis.get("mix")).isEqualTo("2");
        assertThat(redis.pool().stats().active()).isZero();
    }

    @Test
    void connectionOverMaxclientsFailsWithTheServersMessage() {
        try (RedisProcess p = RedisProcess.start();
             RedisConnection first = RedisConnection.open(p.config())) {
            first.execute(command("CONFIG", "SET", "maxclients", "1"));
            RedisMaxClientsException direct = catchThrowableOfType(() -> RedisConnection.open(p.config()),
                    RedisMaxClientsException.class);
            assertThat(direct).isNotNull();
            assertThat(direct.serverMessage()).isEqualTo("ERR max number of clients reached");
            assertThat(direct.code()).isEqualTo("ERR");

            try (RedisClient<String> pooled = RedisClient.create(p.config())) {
                RedisException viaPool = catchThrowableOfType(() -> pooled.get("k"), RedisException.class);
                assertThat(viaPool).isNotNull();
                assertThat(causes(viaPool)).anySatisfy(t -> assertThat(t)
                        .isInstanceOf(RedisMaxClientsException.class));
                assertThat(pooled.pool().stats().active()).isZero();
            }
            // The refused connections left nothing behind: the one client is still served.
            assertThat(first.ping()).isTrue();
            assertThat(first.execute(command("CLIENT", "LIST")).toString()).isNotNull();
        }
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }
}
