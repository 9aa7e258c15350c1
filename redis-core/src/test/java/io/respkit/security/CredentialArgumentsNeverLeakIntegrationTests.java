package io.respkit.security;

import io.respkit.PipelineOptions;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.Response;
import io.respkit.TransactionResult;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Passwords passed as command arguments (never the configured one: fresh {@code NewPw-<uuid>} values) stay out of
 * every exception message, {@code toString()}, result and log line, on every path a command can take: a connection
 * directly, the pooled client, {@code execute(String, Object...)}, pipelines, {@code MULTI}/{@code EXEC} (queue-time
 * errors, {@code EXEC} results, {@code EXECABORT}), a hand-written {@code MULTI} on one connection, the asynchronous
 * API and the multiplexed mode; over RESP2 and RESP3. The commands are the ones whose errors quote their arguments
 * back: {@code ACL SETUSER} modifiers, {@code HELLO} options and {@code CONFIG SET} parameter names, plus
 * {@code AUTH} and {@code HELLO ... AUTH}.
 */
class CredentialArgumentsNeverLeakIntegrationTests {

    private static final String ADMIN = "Adm1n-Cfg-" + UUID.randomUUID();

    private static RedisProcess server;
    private static LogCapture logs;
    private static final List<String> secrets = new CopyOnWriteArrayList<>(List.of(ADMIN));
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        logs = LogCapture.attach();
        server = RedisProcess.start("--requirepass", ADMIN);
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void nothingLeaked() {
        List<String> everything = new ArrayList<>(seen);
        seen.clear(); // each test is judged on what it produced, logs aside (they accumulate, and must stay clean)
        everything.add(logs.text());
        for (String text : everything) {
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    fail("A password leaked:\n" + text);
                }
            }
        }
        assertThat(everything).as("the test recorded what it saw").hasSizeGreaterThan(1);
    }

    private static RedisConfig.Builder config(RespVersion protocol) {
        return RedisConfig.builder().host(server.host()).port(server.port()).protocol(protocol).password(ADMIN)
                .timeout(Duration.ofSeconds(5));
    }

    private static String secret() {
        String s = "NewPw-" + UUID.randomUUID();
        secrets.add(s);
        return s;
    }

    private static Command<Object> cmd(String name, String... args) {
        Command<Object> c = Command.create(StringCodec.UTF8, name, ReplyDecoders.raw());
        for (String a : args) {
            c.arg(a);
        }
        return c;
    }

    /**
     * Commands that fail with an error reply, each carrying fresh passwords; several make the server quote a
     * password back.
     */
    private static List<Command<Object>> leaky() {
        return List.of(
                cmd("ACL", "SETUSER", "tmp-user", "on", "<" + secret()),   // removing an unknown password: quoted
                cmd("ACL", "SETUSER", "tmp-user", "on", secret()),         // a password missing its '>': quoted
                cmd("ACL", "SETUSER", "tmp-user", "on", "#" + secret()),   // not a valid hash: quoted
                cmd("acl", "setuser", "tmp-user", "on", ">" + secret(), "bogus-rule"),
                cmd("HELLO", "3", "SETNAME", "x", secret()),               // a password where an option belongs
                cmd("HELLO", "3", "AUTH", "default", secret()),            // wrong password
                cmd("AUTH", secret()),
                cmd("AUTH", "default", secret(), "extra"),
                cmd("CONFIG", "SET", "masteruser", "u", secret(), "x"),    // the next "parameter" is quoted back
                cmd("config", "set", "MasterAuth", secret(), "requirepass"));
    }

    private static void record(Object o) {
        if (o instanceof Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            seen.add(t.getMessage() + "\n" + t + "\n" + trace);
        } else {
            seen.add(String.valueOf(o));
        }
    }

    private static void expectFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            record(e);
            assertThat(e).isInstanceOf(RedisException.class);
            return;
        }
        fail("expected a RedisException");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void directOnAConnection(RespVersion protocol) {
        try (RedisConnection c = RedisConnection.open(config(protocol).build())) {
            for (Command<Object> command : leaky()) {
                record(command);
                expectFailure(() -> c.execute(command));
            }
            for (Command<Object> command : leaky()) {
                c.send(command);
                c.flush(command);
                Object reply = c.readReply(command);
                assertThat(reply).isInstanceOf(ErrorReply.class);
                record(reply);
            }
            // the server's explanation stays readable: only the quoted argument is masked
            RedisServerException acl = (RedisServerException) catchRedis(() -> c.execute(
                    cmd("ACL", "SETUSER", "tmp-user", "on", "<" + secret())));
            assertThat(acl.getMessage()).contains("Error in ACL SETUSER modifier '****'")
                    .contains("does not exist");
            assertThat(c.isUsable()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pooledClientAndExecuteByName(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).build())) {
            for (Command<Object> command : leaky()) {
                expectFailure(() -> redis.execute(command));
            }
            expectFailure(() -> redis.execute("ACL", "SETUSER", "tmp-user", "on", "<" + secret()));
            expectFailure(() -> redis.execute("acl setuser", "tmp-user", "on", secret()));
            expectFailure(() -> redis.execute("HELLO", 3, "SETNAME", "x", secret()));
            expectFailure(() -> redis.execute("CONFIG SET", "masterauth", "x", secret(), "y"));
            // the whole command line as its "name": the name shown in messages must not carry the password
            expectFailure(() -> redis.execute("ACL SETUSER tmp-user on " + secret()));
            expectFailure(() -> redis.execute("AUTH default " + secret()));
            record(Command.create(StringCodec.UTF8, "AUTH default " + secret(), ReplyDecoders.raw()));
            record(redis);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelines(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).build())) {
            RedisPipelineException raised = (RedisPipelineException) catchRedis(() -> redis.pipelined(p -> {
                for (Command<Object> command : leaky()) {
                    p.enqueue(command);
                }
            }));
            record(raised.results());
            raised.results().forEach(CredentialArgumentsNeverLeakIntegrationTests::record);
            List<Object> asValues = redis.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), p -> {
                for (Command<Object> command : leaky()) {
                    record(p.enqueue(command));
                }
            });
            assertThat(asValues).allMatch(RedisException.class::isInstance);
            record(asValues);
            asValues.forEach(CredentialArgumentsNeverLeakIntegrationTests::record);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void transactions(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).build())) {
            // errors while running: each in EXEC's result, attributed to its own queued command
            List<Response<Object>> responses = new ArrayList<>();
            TransactionResult result = redis.multi(tx -> {
                for (Command<Object> command : leaky()) {
                    responses.add(tx.enqueue(command));
                }
            });
            record(result);
            assertThat(result.results()).allMatch(RedisException.class::isInstance);
            result.results().forEach(CredentialArgumentsNeverLeakIntegrationTests::record);
            for (Response<Object> r : responses) {
                record(r);
                record(r.failure());
            }
            assertThat(result.results().get(0).toString()).contains("Error in ACL SETUSER modifier '****'");
            // a result may legitimately be a secret; the result's toString() shows none
            TransactionResult withValue = redis.multi(tx -> tx.enqueue(Command.create(StringCodec.UTF8,
                    "CONFIG GET", ReplyDecoders.decoded()).arg("requirepass")));
            assertThat(String.valueOf(withValue.get(0))).contains(ADMIN);
            record(withValue);
            // an error while queueing (an unknown ACL subcommand is quoted back) aborts it with EXECABORT
            RedisException abort = catchRedis(() -> redis.multi(tx -> {
                tx.enqueue(cmd("ACL", "SETUSER", "tmp-user", "on", "<" + secret()));
                tx.enqueue(cmd("ACL", secret(), "x"));
            }));
            assertThat(abort).isInstanceOf(RedisExecAbortException.class);
            // the same through WATCH-guarded transactions
            record(redis.transaction(List.of("w"), (now, tx) -> {
                for (Command<Object> command : leaky()) {
                    tx.enqueue(command);
                }
            }));
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void handWrittenMultiOnOneConnection(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).build())) {
            Object exec = redis.withConnection(c -> {
                c.execute(cmd("MULTI"));
                for (Command<Object> command : leaky()) {
                    c.execute(Command.create(StringCodec.UTF8, command.name(), ReplyDecoders.decoded())
                            .values(args(command)));
                }
                return c.execute(Command.create(StringCodec.UTF8, "EXEC", ReplyDecoders.decoded()));
            });
            assertThat(exec).asList().hasSize(leaky().size());
            record(exec);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void asynchronousApi(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).build())) {
            List<Response<Object>> futures = new ArrayList<>();
            for (Command<Object> command : leaky()) {
                futures.add(redis.async().enqueue(command));
            }
            for (Response<Object> f : futures) {
                try {
                    f.join();
                    fail("expected a failure");
                } catch (CompletionException e) {
                    record(e);
                    record(e.getCause());
                }
                record(f);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void multiplexedMode(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).multiplexed(true).build())) {
            for (Command<Object> command : leaky()) {
                expectFailure(() -> redis.execute(command));
            }
            expectFailure(() -> redis.execute("ACL", "SETUSER", "tmp-user", "on", "<" + secret()));
            expectFailure(() -> redis.execute("CONFIG", "SET", "requirepass", "x", secret(), "y"));
            assertThat(redis.set("still:works", "yes")).isTrue();
            record(redis);
        }
    }

    private static List<String> args(Command<?> command) {
        int words = command.name().split(" ").length;
        List<String> args = new ArrayList<>();
        for (int i = words; i < command.argumentCount(); i++) {
            args.add(command.argumentText(i));
        }
        return args;
    }

    private static RedisException catchRedis(Runnable action) {
        try {
            action.run();
        } catch (RedisException e) {
            record(e);
            return e;
        }
        throw new AssertionError("expected a RedisException");
    }
}
