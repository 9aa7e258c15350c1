package io.respkit.reliability.errors;

import io.respkit.AsyncCommands;
import io.respkit.Pipeline;
import io.respkit.PipelineOptions;
import io.respkit.RedisClient;
import io.respkit.Response;
import io.respkit.Transaction;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisBusyException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisNoPermissionException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisReadOnlyException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisWrongPasswordException;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * One error reply, one exception: every kind of error reply reaches the caller as the same
 * {@link RedisServerException} subtype with the same {@link RedisServerException#code()} whichever way the command
 * went (a direct call, a pipeline, a transaction, the async API or the multiplexed connection). Credentials refused
 * at connect time stay a distinct {@link RedisWrongPasswordException} that never shows the password.
 */
@ExtendWith(RedisServerExtension.class)
class ErrorReplySurfacesIntegrationTests {

    private static final String USER = "surfaces-limited";
    private static final String USER_PASSWORD = "surfaces-user-pw";

    /** Where a command can fail. */
    enum Surface { DIRECT, PIPELINE, TRANSACTION, ASYNC, MULTIPLEXED }

    /**
     * An error reply and how to provoke it. Each kind runs on its own client (a limited ACL user, a read-only
     * replica), and names the command three ways because the synchronous, queued and async surfaces are distinct
     * interfaces.
     */
    enum Kind {
        WRONGTYPE(RedisServerException.class, "WRONGTYPE",
                c -> c.lpush("surfaces:string", "x"), p -> p.lpush("surfaces:string", "x"),
                a -> a.lpush("surfaces:string", "x")),
        NOSCRIPT(RedisServerException.class, "NOSCRIPT",
                c -> c.evalsha(MISSING_SHA, List.of(), List.of()), p -> p.evalsha(MISSING_SHA, List.of(), List.of()),
                a -> a.evalsha(MISSING_SHA, List.of(), List.of())),
        ERR(RedisServerException.class, "ERR",
                c -> c.incr("surfaces:string"), p -> p.incr("surfaces:string"), a -> a.incr("surfaces:string")),
        NOPERM(RedisNoPermissionException.class, "NOPERM",
                c -> c.lpush("surfaces:list", "x"), p -> p.lpush("surfaces:list", "x"),
                a -> a.lpush("surfaces:list", "x")),
        READONLY(RedisReadOnlyException.class, "READONLY",
                c -> c.set("surfaces:ro", "v"), p -> p.set("surfaces:ro", "v"), a -> a.set("surfaces:ro", "v"));

        final Class<? extends RedisException> type;
        final String code;
        final Function<RedisCommands<String>, Object> direct;
        final Function<RedisPipelineCommands<String>, Response<?>> queued;
        final Function<AsyncCommands<String>, Response<?>> async;

        Kind(Class<? extends RedisException> type, String code, Function<RedisCommands<String>, Object> direct,
                Function<RedisPipelineCommands<String>, Response<?>> queued,
                Function<AsyncCommands<String>, Response<?>> async) {
            this.type = type;
            this.code = code;
            this.direct = direct;
            this.queued = queued;
            this.async = async;
        }
    }

    private static final String MISSING_SHA = "ffffffffffffffffffffffffffffffffffffffff";

    private static RedisClient<String> admin;
    private static RedisProcess replica;
    /** Per kind: a pooled client and a multiplexed one on the server that gives that kind's error. */
    private static final Map<Kind, RedisClient<String>> pooled = new EnumMap<>(Kind.class);
    private static final Map<Kind, RedisClient<String>> multiplexed = new EnumMap<>(Kind.class);

    @BeforeAll
    static void clients(RedisServer server) {
        admin = RedisClient.create(server.config());
        admin.set("surfaces:string", "not a number");
        admin.execute("ACL", "SETUSER", USER, "on", ">" + USER_PASSWORD, "~*", "&*", "+@all", "-lpush");
        // A replica whose primary is unreachable is read-only all the same.
        replica = RedisProcess.start("--replicaof", "127.0.0.1", "1");
        for (Kind kind : Kind.values()) {
            RedisConfig.Builder config = switch (kind) {
                case NOPERM -> server.configBuilder().username(USER).password(USER_PASSWORD);
                case READONLY -> replica.configBuilder();
                default -> server.configBuilder();
            };
            pooled.put(kind, RedisClient.create(config.build()));
            multiplexed.put(kind, RedisClient.create(config.multiplexed(true).build()));
        }
    }

    @AfterAll
    static void close() {
        pooled.values().forEach(RedisClient::close);
        multiplexed.values().forEach(RedisClient::close);
        if (replica != null) {
            replica.close();
        }
        admin.execute("ACL", "DELUSER", USER);
        admin.del("surfaces:string", "surfaces:list");
        admin.close();
    }

    static Stream<Arguments> surfacesAndKinds() {
        List<Arguments> all = new ArrayList<>();
        for (Surface surface : Surface.values()) {
            for (Kind kind : Kind.values()) {
                all.add(Arguments.of(surface, kind));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} through {0}")
    @MethodSource("surfacesAndKinds")
    void everyErrorReplyIsTheSameServerExceptionWithItsCodeOnEverySurface(Surface surface, Kind kind) {
        RedisClient<String> client = pooled.get(kind);
        Throwable failure = switch (surface) {
            case DIRECT -> catchThrowable(() -> kind.direct.apply(client));
            case MULTIPLEXED -> catchThrowable(() -> kind.direct.apply(multiplexed.get(kind)));
            case ASYNC -> catchThrowable(() -> kind.async.apply(client.async()).get());
            case PIPELINE -> throughPipeline(client, kind);
            case TRANSACTION -> throughTransaction(client, kind);
        };
        assertSameError(failure, kind);
    }

    /** The error as the failed command's response holds it, and as the pipeline's exception reports it. */
    private static Throwable throughPipeline(RedisClient<String> client, Kind kind) {
        try (Pipeline<String> collecting = client.pipeline(PipelineOptions.DEFAULT.withRaiseOnError(false))) {
            Response<?> response = kind.queued.apply(collecting);
            List<Object> results = collecting.execute();
            assertSameError(results.get(0), kind);
            assertSameError(catchThrowable(response::get), kind);
        }
        RedisPipelineException raised = catchThrowableOfType(() -> client.pipelined(p -> kind.queued.apply(p)),
                RedisPipelineException.class);
        assertThat(raised).isNotNull();
        assertThat(raised.code()).isEqualTo(kind.code);
        assertSameError(raised.results().get(0), kind);
        return raised.getCause();
    }

    /**
     * The error as the failed command's response holds it. An error found while queueing (NOPERM, READONLY) also
     * aborts the transaction with {@code EXECABORT}; one found while running (WRONGTYPE, ...) is an EXEC result.
     */
    private static Throwable throughTransaction(RedisClient<String> client, Kind kind) {
        try (Transaction<String> tx = client.multi()) {
            Response<?> response = kind.queued.apply(tx);
            Throwable exec = catchThrowable(tx::exec);
            if (exec != null) {
                assertThat(exec).isInstanceOf(RedisExecAbortException.class);
                assertThat(((RedisServerException) exec).code()).isEqualTo("EXECABORT");
            }
            return catchThrowable(response::get);
        }
    }

    private static void assertSameError(Object failure, Kind kind) {
        assertThat(failure).isExactlyInstanceOf(kind.type).isInstanceOf(RedisServerException.class);
        assertThat(((RedisServerException) failure).code()).isEqualTo(kind.code);
        assertThat(((RedisServerException) failure).serverMessage()).startsWith(kind.code);
    }

    @Test
    void aServerBusyWithAScriptIsTheSameBusyExceptionOnEverySurface() {
        try (RedisProcess p = RedisProcess.start("--busy-reply-threshold", "100");
             RedisClient<String> looping = RedisClient.create(p.configBuilder().timeout(Duration.ofSeconds(30))
                     .build());
             RedisClient<String> client = RedisClient.create(p.config());
             RedisClient<String> shared = RedisClient.create(p.configBuilder().multiplexed(true).build())) {
            // Every surface connects first: a connection opened while the server is busy fails its handshake.
            assertThat(client.ping()).isEqualTo("PONG");
            assertThat(client.async().ping().get()).isEqualTo("PONG");
            assertThat(shared.ping()).isEqualTo("PONG");
            CompletableFuture<Object> script = CompletableFuture.supplyAsync(
                    () -> looping.eval("while true do end", List.of(), List.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> catchThrowable(() -> client.get("k"))
                    instanceof RedisBusyException);

            assertBusy(catchThrowable(() -> client.get("k")));
            assertBusy(catchThrowable(() -> shared.get("k")));
            assertBusy(catchThrowable(() -> client.async().get("k").get()));
            try (Pipeline<String> pipe = client.pipeline(PipelineOptions.DEFAULT.withRaiseOnError(false))) {
                Response<String> get = pipe.get("k");
                assertBusy(pipe.execute().get(0));
                assertBusy(get.failure());
            }
            try (Transaction<String> tx = client.multi()) {
                Response<String> get = tx.get("k");
                // MULTI is allowed while busy, the command is refused as it is queued: EXECABORT, as for NOPERM.
                assertThat(catchThrowable(tx::exec)).isInstanceOf(RedisExecAbortException.class);
                assertBusy(get.failure());
            }

            assertThat(client.execute("SCRIPT", "KILL")).isEqualTo("OK");
            assertThat(catchThrowable(script::join)).hasCauseInstanceOf(RedisServerException.class);
        }
    }

    private static void assertBusy(Object failure) {
        assertThat(failure).isExactlyInstanceOf(RedisBusyException.class);
        assertThat(((RedisServerException) failure).code()).isEqualTo("BUSY");
    }

    @Test
    void aPasswordRefusedAtConnectIsAWrongPasswordExceptionThatNeverShowsThePassword(RedisServer server) {
        String wrong = "surfaces-not-the-password";
        for (boolean multiplex : new boolean[] {false, true}) {
            try (RedisClient<String> refused = RedisClient.create(server.configBuilder().username(USER)
                    .password(wrong).multiplexed(multiplex).build())) {
                Throwable e = catchThrowable(() -> refused.get("k"));
                assertThat(e).isExactlyInstanceOf(RedisWrongPasswordException.class)
                        .isInstanceOf(RedisAuthenticationException.class);
                assertThat(((RedisWrongPasswordException) e).code()).isEqualTo("WRONGPASS");
                assertThat(e.getMessage()).contains("Authentication to").doesNotContain(wrong);
                assertThat(String.valueOf(e)).doesNotContain(wrong);
            }
        }
    }
}
