package io.respkit.security;

import ch.qos.logback.classic.Level;
import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisNoAuthException;
import io.respkit.exceptions.RedisNoPermissionException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisWrongPasswordException;
import io.respkit.PipelineOptions;
import io.respkit.TransactionResult;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.connection.SslOptions;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PooledConnection;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Captures ALL log output (an appender on the root logger, {@code io.respkit} at TRACE) and the message,
 * {@code toString()} and full stack trace of every exception produced across the authentication and TLS failure
 * scenarios (wrong password, wrong user, NOAUTH, NOPERM, the server quoting {@code HELLO}/{@code ACL} arguments back,
 * URL syntax errors, pool exhaustion, TLS failures), plus the {@code toString()} of configurations, clients, pools and
 * connections, and fails if any password appears anywhere.
 */
class SecretsNeverLeakIntegrationTests {

    private static final String ADMIN = "Adm1n-Secret-Qx71";
    private static final String APP = "App-Secret-Vz93";
    private static final String LEAST = "Least-Secret-Mw40";
    private static final String WRONG = "Wrong-Secret-Kp55";
    private static final String URL_SECRET = "Url-Secret-Hn28";
    private static final String STORE_WRONG = "Store-Wrong-Secret-Jd62";
    private static final List<String> SECRETS = List.of(ADMIN, APP, LEAST, WRONG, URL_SECRET, STORE_WRONG,
            new String(TestCertificates.STORE_PASSWORD));

    @TempDir
    static Path certs;

    private static RedisProcess server;
    private static TlsRedisServer tls;
    private static TestCertificates pki;
    private static LogCapture logs;
    private static SslOptions trusted;
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        logs = LogCapture.attach();
        server = RedisProcess.start("--requirepass", ADMIN);
        pki = TestCertificates.create(certs);
        tls = TlsRedisServer.start(pki.server("tls", "DNS:localhost"), pki.ca().cert(), "no",
                "--requirepass", ADMIN);
        try (RedisClient<String> admin = RedisClient.create(plain(RespVersion.RESP3).password(ADMIN).build())) {
            admin.execute("ACL", "SETUSER", "app", "on", ">" + APP, "~*", "&*", "+@all");
            admin.execute("ACL", "SETUSER", "least", "on", ">" + LEAST, "~app:*", "+get", "+set", "+ping",
                    "+hello", "-client|setname", "-info");
        }
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Every test ends by scanning everything captured so far, the log output included. */
    @AfterEach
    void nothingLeaked() {
        List<String> everything = new ArrayList<>(seen);
        everything.add(logs.text());
        for (String text : everything) {
            for (String secret : SECRETS) {
                if (text.contains(secret) || text.contains(URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
                    fail("A password leaked:\n" + text);
                }
            }
        }
    }

    private static RedisConfig.Builder plain(RespVersion protocol) {
        return RedisConfig.builder().host(server.host()).port(server.port()).protocol(protocol)
                .timeout(Duration.ofSeconds(2));
    }

    private static SslOptions trusted() {
        if (trusted == null) {
            trusted = SslOptions.builder().trustStore(pki.trustStore(), TestCertificates.STORE_PASSWORD).build();
        }
        return trusted;
    }

    /** Runs {@code action}, which must throw {@code type}, and records everything the exception shows. */
    private static <T extends Throwable> T expect(Class<T> type, Executable action) {
        try {
            action.execute();
        } catch (Throwable t) {
            record(t);
            assertThat(t).isInstanceOf(type);
            return type.cast(t);
        }
        throw new AssertionError("expected " + type.getSimpleName());
    }

    private static void record(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace)); // every message and toString() in the cause chain
        seen.add(t.getMessage() + "\n" + t + "\n" + trace);
    }

    private static void record(Object o) {
        seen.add(String.valueOf(o));
    }

    // ------------------------------------------------------------------------------------------ auth

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void wrongPasswordsAndUsers(RespVersion protocol) {
        expect(RedisWrongPasswordException.class, () -> RedisConnection.open(plain(protocol).password(WRONG).build()));
        expect(RedisWrongPasswordException.class,
                () -> RedisConnection.open(plain(protocol).username("app").password(WRONG).clientName("x").build()));
        expect(RedisWrongPasswordException.class,
                () -> RedisConnection.open(plain(protocol).username("nobody").password(APP).build()));
        try (RedisClient<String> viaUrl = RedisClient.create("redis://app:" + WRONG + "@" + server.host() + ":"
                + server.port() + "?protocol=" + protocol.name().toLowerCase())) {
            record(viaUrl);
            record(viaUrl.pool());
            expect(RedisWrongPasswordException.class, () -> viaUrl.get("k"));
            expect(RedisWrongPasswordException.class, () -> viaUrl.pipelined(p -> p.enqueue(
                    Command.create(StringCodec.UTF8, "PING", ReplyDecoders.string()))));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void noAuthAndNoPermission(RespVersion protocol) {
        if (protocol == RespVersion.RESP3) {
            expect(RedisNoAuthException.class, () -> RedisConnection.open(plain(protocol).build()));
        } else {
            try (RedisConnection c = RedisConnection.open(plain(protocol).build())) {
                expect(RedisNoAuthException.class, () -> c.execute(
                        Command.create(StringCodec.UTF8, "GET", ReplyDecoders.string()).arg("k")));
            }
        }
        RedisConfig least = plain(protocol).username("least").password(LEAST).clientName("least-app").build();
        record(least);
        try (RedisClient<String> redis = RedisClient.create(least)) {
            expect(RedisNoPermissionException.class, () -> redis.get("other:key"));
            expect(RedisNoPermissionException.class, () -> redis.execute("INFO"));
            expect(RedisNoPermissionException.class, () -> redis.execute("CONFIG", "GET", "requirepass"));
            assertThat(redis.set("app:k", "v")).isTrue();
        }
    }

    @Test
    void serverEchoesOfPasswordArgumentsAreMasked() {
        RedisConfig app = plain(RespVersion.RESP3).username("app").password(APP).build();
        try (RedisConnection c = RedisConnection.open(app)) {
            record(c);
            // an unknown option after the password: the server names the option
            RedisServerException afterPassword = expect(RedisServerException.class, () -> c.execute(hello()
                    .arg("AUTH").arg("app").arg(APP).arg("BOGUS")));
            assertThat(afterPassword.getMessage()).contains("Syntax error in HELLO option");
            // a password where an option belongs: the server quotes the password itself back
            RedisServerException echoed = expect(RedisServerException.class, () -> c.execute(hello()
                    .arg("SETNAME").arg("x").arg(APP)));
            assertThat(echoed.getMessage()).contains("Syntax error in HELLO option '****'");
            // ... also a password that is not the configured one
            expect(RedisServerException.class, () -> c.execute(hello().arg("SETNAME").arg("x").arg(WRONG)));
            expect(RedisServerException.class, () -> c.execute(hello().arg("AUTH").arg("app")));
            expect(RedisServerException.class, () -> c.execute(Command.create(StringCodec.UTF8, "HELLO3",
                    ReplyDecoders.raw()).arg("AUTH").arg("app").arg(APP)));
            // ACL SETUSER with a password missing its '>' quotes the password back
            RedisServerException acl = expect(RedisServerException.class, () -> c.execute(Command.create(
                    StringCodec.UTF8, "ACL", ReplyDecoders.raw()).arg("SETUSER").arg("tmp").arg("on").arg(WRONG)));
            assertThat(acl.getMessage()).contains("ACL SETUSER modifier");
            expect(RedisWrongPasswordException.class, () -> c.execute(Command.create(StringCodec.UTF8, "AUTH",
                    ReplyDecoders.raw()).arg("app").arg(WRONG)));
            assertThat(c.isUsable()).isTrue();
        }
        try (RedisClient<String> redis = RedisClient.create(app)) {
            // the same echo through a pipeline, with errors as values, and inside a transaction's EXEC result
            List<Object> results = redis.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false),
                    p -> p.enqueue(hello().arg("SETNAME").arg("x").arg(APP)));
            assertThat(results.get(0)).isInstanceOf(RedisServerException.class);
            record((Throwable) results.get(0));
            record(results);
            try {
                TransactionResult tx = redis.multi(t -> t.enqueue(hello().arg("SETNAME").arg("x").arg(APP)));
                record(tx);
                tx.results().stream().filter(Throwable.class::isInstance).forEach(r -> record((Throwable) r));
            } catch (RedisException e) {
                record(e);
            }
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    private static Command<Object> hello() {
        return Command.create(StringCodec.UTF8, "HELLO", ReplyDecoders.raw()).arg(3);
    }

    // ------------------------------------------------------------------------------------------ config, pool

    @Test
    void urlErrorsAndConfigurationsNeverShowThePassword() {
        String hostPort = "127.0.0.1:6379";
        List<String> bad = List.of(
                "redis://:" + URL_SECRET + "@127.0.0.1:notaport",
                "redis://app:" + URL_SECRET + "@" + hostPort + "/notadb",
                "redis://app:" + URL_SECRET + "@" + hostPort + "?timeout=soon",
                "redis://app:" + URL_SECRET + "@" + hostPort + "?bogus=1",
                "redis://app:" + URL_SECRET + "@" + hostPort + "?password=" + URL_SECRET,
                "redis://app:" + URL_SECRET + "@" + hostPort + "?clientName=bad%20name",
                "redis://app:" + URL_SECRET + "@" + hostPort + "?timeout=%zz",
                "redis://app:" + URL_SECRET + "@[::1:6379",
                "rediss://app:" + URL_SECRET + "@localhost:99999",
                "http://app:" + URL_SECRET + "@" + hostPort,
                "redis://app:" + URL_SECRET + "/x@" + hostPort,
                "redis://app:" + URL_SECRET + "?@" + hostPort,
                "redis://app:" + URL_SECRET + "@@" + hostPort + "/0?maxTotal=0",
                "redis://app:" + URL_SECRET + "%@" + hostPort);
        for (String url : bad) {
            expect(RedisUrlSyntaxException.class, () -> RedisConfig.fromUrl(url));
        }
        RedisConfig config = RedisConfig.fromUrl("rediss://app:" + URL_SECRET + "@localhost:6380/2?clientName=a");
        assertThat(config.password()).isEqualTo(URL_SECRET);
        record(config);
        record(config.toBuilder().ssl(trusted()).build());
        record(config.ssl());
        record(RedisConfig.builder().password(URL_SECRET).build());
        record(RedisConfig.builder().username("u").password(URL_SECRET).build().toBuilder());
    }

    @Test
    void poolExhaustion() {
        RedisConfig config = plain(RespVersion.RESP3).username("app").password(APP)
                .pool(PoolConfig.builder().maxTotal(1).maxWait(Duration.ofMillis(50)).build()).build();
        try (ConnectionPool pool = ConnectionPool.create(config); RedisClient<String> redis = RedisClient.create(pool)) {
            try (PooledConnection held = pool.borrow()) {
                record(held);
                record(held.connection());
                record(pool);
                record(pool.stats());
                expect(RedisPoolExhaustedException.class, () -> redis.get("k"));
                expect(RedisPoolExhaustedException.class, pool::borrow);
            }
            assertThat(pool.stats().active()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------ TLS

    @Test
    void tlsFailures() {
        RedisConfig.Builder base = RedisConfig.builder().port(tls.port()).username("default").password(ADMIN)
                .connectTimeout(Duration.ofMillis(500));
        expect(RedisConnectionException.class, () -> RedisConnection.open(base.host("127.0.0.1").ssl(trusted())
                .build()));
        SslOptions rogue = SslOptions.builder().trustStore(pki.rogueTrustStore(), TestCertificates.STORE_PASSWORD)
                .build();
        record(rogue);
        expect(RedisConnectionException.class, () -> RedisConnection.open(base.host("localhost").ssl(rogue)
                .build()));
        expect(RedisConnectionException.class, () -> RedisConnection.open(base.host("localhost")
                .ssl((SslOptions) null).build()));
        expect(RedisWrongPasswordException.class, () -> RedisConnection.open(base.host("localhost").ssl(trusted())
                .password(WRONG).build()));
        expect(IllegalArgumentException.class, () -> SslOptions.builder()
                .trustStore(pki.trustStore(), STORE_WRONG.toCharArray()).build());
        expect(IllegalArgumentException.class, () -> SslOptions.builder()
                .keyStore(pki.keyStore(pki.client("c")), STORE_WRONG.toCharArray()).build());
        // verification off: works, warns (captured), and the warning shows no secret either
        RedisConfig unverified = base.host("127.0.0.1").ssl(trusted().withVerifyHostname(false)).password(ADMIN)
                .build();
        record(unverified);
        try (RedisClient<String> redis = RedisClient.create(unverified)) {
            assertThat(redis.set("tls:k", "v")).isTrue();
            record(redis);
        }
        assertThat(logs.messages(Level.WARN)).anyMatch(m -> m.contains("hostname verification is DISABLED"));
    }

    @Test
    void theCaptureSeesWhatItClaimsToSee() {
        // The scan is only meaningful if the capture works: a marker logged through SLF4J must appear in it.
        org.slf4j.LoggerFactory.getLogger("io.respkit.connection.RedisConnection").debug("capture-marker {}", 42);
        assertThat(logs.text()).contains("capture-marker 42");
        RedisAuthenticationException sample = expect(RedisAuthenticationException.class,
                () -> RedisConnection.open(plain(RespVersion.RESP2).password(WRONG).build()));
        assertThat(seen).anyMatch(s -> s.contains(sample.getMessage()));
    }
}
