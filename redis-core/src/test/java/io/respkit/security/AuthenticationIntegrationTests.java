package io.respkit.security;

import ch.qos.logback.classic.Level;
import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisNoAuthException;
import io.respkit.exceptions.RedisNoPermissionException;
import io.respkit.exceptions.RedisWrongPasswordException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PoolStats;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Authentication against a real {@code redis-server --requirepass} with ACL users, over RESP2 ({@code AUTH}) and
 * RESP3 ({@code HELLO 3 AUTH}): passwords and ACL users, re-authentication on every reconnect, typed
 * NOAUTH/WRONGPASS/NOPERM failures that are never retried, and a least-privilege user that may not run
 * {@code CLIENT SETNAME} or {@code INFO}.
 */
class AuthenticationIntegrationTests {

    static final String ADMIN_PASSWORD = "adm1n-Pw-5521";
    static final String APP_PASSWORD = "app-Pw-8830";
    static final String LEAST_PASSWORD = "least-Pw-2274";

    private static RedisProcess server;

    @BeforeAll
    static void startServer() {
        server = RedisProcess.start("--requirepass", ADMIN_PASSWORD);
        try (RedisClient<String> admin = RedisClient.create(adminConfig().build())) {
            admin.execute("ACL", "SETUSER", "app", "on", ">" + APP_PASSWORD, "~*", "&*", "+@all");
            // The least-privilege user of the brief: its keys, GET/SET/PING/HELLO, and explicitly no name, no INFO.
            admin.execute("ACL", "SETUSER", "least", "on", ">" + LEAST_PASSWORD, "~app:*", "+get", "+set", "+ping",
                    "+hello", "-client|setname", "-info");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static RedisConfig.Builder adminConfig() {
        return RedisConfig.builder().host(server.host()).port(server.port()).password(ADMIN_PASSWORD);
    }

    private static RedisConfig.Builder config(RespVersion protocol) {
        return RedisConfig.builder().host(server.host()).port(server.port()).protocol(protocol);
    }

    // ------------------------------------------------------------------------------------------ success

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void authenticatesWithThePassword(RespVersion protocol) {
        try (RedisConnection c = RedisConnection.open(config(protocol).password(ADMIN_PASSWORD).build())) {
            assertThat(c.protocol()).isEqualTo(protocol);
            assertThat(whoami(c)).isEqualTo("default");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void authenticatesAsAnAclUser(RespVersion protocol) {
        RedisConfig cfg = config(protocol).username("app").password(APP_PASSWORD).clientName("app-" + protocol)
                .build();
        try (RedisConnection c = RedisConnection.open(cfg)) {
            assertThat(c.protocol()).isEqualTo(protocol);
            assertThat(whoami(c)).isEqualTo("app");
            assertThat(c.execute(Command.create(StringCodec.UTF8, "CLIENT", ReplyDecoders.string()).arg("GETNAME")))
                    .isEqualTo("app-" + protocol);
        }
        try (RedisClient<String> redis = RedisClient.create("redis://app:" + APP_PASSWORD + "@" + server.host() + ":"
                + server.port() + "?protocol=" + protocol.name().toLowerCase())) {
            assertThat(redis.set("auth:url", "v")).isTrue();
            assertThat(redis.execute("ACL", "WHOAMI")).isEqualTo("app");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void everyReconnectAuthenticatesAgain(RespVersion protocol) {
        RedisConfig cfg = config(protocol).username("app").password(APP_PASSWORD).clientName("reauth")
                .pool(PoolConfig.builder().maxTotal(1).testOnBorrow(true).build()).build();
        try (RedisClient<String> redis = RedisClient.create(cfg);
             RedisClient<String> admin = RedisClient.create(adminConfig().build())) {
            List<Long> ids = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long id = (Long) redis.execute("CLIENT", "ID");
                ids.add(id);
                assertThat(redis.execute("ACL", "WHOAMI")).isEqualTo("app");
                assertThat(admin.execute("CLIENT", "KILL", "ID", id)).isEqualTo(1L);
            }
            // Each kill was followed by a new connection (new id) that authenticated as app again, and the killed
            // one never reached a caller: testOnBorrow's PING found it dead and the pool replaced it.
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(redis.execute("ACL", "WHOAMI")).isEqualTo("app");
            PoolStats stats = redis.pool().stats();
            assertThat(stats.created()).isEqualTo(4);
            assertThat(stats.active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void killedConnectionWithoutTestOnBorrowFailsOnceThenReauthenticates(RespVersion protocol) {
        RedisConfig cfg = config(protocol).username("app").password(APP_PASSWORD)
                .pool(PoolConfig.builder().maxTotal(1).build()).build();
        try (RedisClient<String> redis = RedisClient.create(cfg);
             RedisClient<String> admin = RedisClient.create(adminConfig().build())) {
            long id = (Long) redis.execute("CLIENT", "ID");
            admin.execute("CLIENT", "KILL", "ID", id);
            // The idle connection died on the server: the next call may see it (a connection error, and the
            // connection is destroyed); the one after always runs on a fresh, re-authenticated connection.
            try {
                redis.execute("PING");
            } catch (RedisConnectionException expected) {
                assertThat(expected.getMessage()).contains(server.port() + "");
            }
            assertThat(redis.execute("ACL", "WHOAMI")).isEqualTo("app");
            assertThat((Long) redis.execute("CLIENT", "ID")).isNotEqualTo(id);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------ failures

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void wrongPasswordIsTypedAndNeverRetried(RespVersion protocol) {
        RedisConfig cfg = config(protocol).username("app").password("wrong-" + APP_PASSWORD).build();
        try (RedisClient<String> admin = RedisClient.create(adminConfig().build())) {
            admin.execute("ACL", "LOG", "RESET");
            RedisWrongPasswordException e = catchThrowableOfType(() -> RedisConnection.open(cfg),
                    RedisWrongPasswordException.class);
            assertThat(e).isInstanceOf(RedisAuthenticationException.class)
                    .isNotInstanceOf(RedisConnectionException.class);
            assertThat(e.code()).isEqualTo("WRONGPASS");
            assertThat(e.getMessage()).contains("user 'app'", server.port() + "").doesNotContain(APP_PASSWORD);
            try (RedisClient<String> redis = RedisClient.create(cfg)) {
                assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisWrongPasswordException.class);
                assertThat(redis.pool().stats().active()).isZero();
            }
            // Exactly two failed AUTH attempts reached the server: one per call, none retried behind our back.
            assertThat(failedAuthAttempts(admin, "app")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void unknownUserIsRefusedLikeAWrongPassword(RespVersion protocol) {
        RedisConfig cfg = config(protocol).username("nobody").password(APP_PASSWORD).build();
        RedisWrongPasswordException e = catchThrowableOfType(() -> RedisConnection.open(cfg),
                RedisWrongPasswordException.class);
        assertThat(e.getMessage()).contains("user 'nobody'").doesNotContain(APP_PASSWORD);
    }

    @Test
    void missingPasswordIsNoAuthOverResp3AtConnectTime() {
        RedisNoAuthException e = catchThrowableOfType(
                () -> RedisConnection.open(config(RespVersion.RESP3).build()), RedisNoAuthException.class);
        assertThat(e.code()).isEqualTo("NOAUTH");
        assertThat(e.getMessage()).contains("no password is configured", server.port() + "");
    }

    @Test
    void missingPasswordIsNoAuthOverResp2OnTheFirstCommand() {
        try (RedisConnection c = RedisConnection.open(config(RespVersion.RESP2).build())) {
            assertThatThrownBy(() -> whoami(c)).isInstanceOf(RedisNoAuthException.class)
                    .hasMessageContaining("NOAUTH");
            assertThat(c.isUsable()).isTrue();
        }
        // With a client name the handshake itself runs a command, which fails typed as well.
        assertThatThrownBy(() -> RedisConnection.open(config(RespVersion.RESP2).clientName("n").build()))
                .isInstanceOf(RedisNoAuthException.class);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void missingPermissionIsTypedAndLeavesTheConnectionHealthy(RespVersion protocol) {
        try (RedisConnection c = RedisConnection.open(config(protocol).username("least").password(LEAST_PASSWORD)
                .build())) {
            RedisNoPermissionException onKey = catchThrowableOfType(() -> c.execute(
                    Command.create(StringCodec.UTF8, "GET", ReplyDecoders.string()).arg("other:key")),
                    RedisNoPermissionException.class);
            assertThat(onKey.code()).isEqualTo("NOPERM");
            assertThat(onKey.getMessage()).contains("GET", server.port() + "");
            assertThatThrownBy(() -> c.execute(Command.create(StringCodec.UTF8, "INFO", ReplyDecoders.string())))
                    .isInstanceOf(RedisNoPermissionException.class).hasMessageContaining("info");
            assertThat(c.isUsable()).isTrue();
            assertThat(c.ping()).isTrue();
        }
    }

    // ------------------------------------------------------------------------------------------ least privilege

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void leastPrivilegeUserConnectsWithAConfiguredClientName(RespVersion protocol) {
        String name = "least-" + protocol;
        RedisConfig cfg = config(protocol).username("least").password(LEAST_PASSWORD).clientName(name)
                .pool(PoolConfig.builder().maxTotal(3).build()).build();
        try (LogCapture logs = LogCapture.attach(); RedisClient<String> redis = RedisClient.create(cfg)) {
            // three connections, so that the warning can be seen to come once, not per connection
            List<RedisConnection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(RedisConnection.open(cfg));
                }
            } finally {
                held.forEach(RedisConnection::close);
            }
            assertThat(redis.set("app:greeting", "hi")).isTrue();
            assertThat(redis.get("app:greeting")).isEqualTo("hi");
            assertThat(redis.execute("PING")).isEqualTo("PONG");
            assertThat(redis.pool().stats().active()).isZero();
            List<String> warnings = logs.messages(Level.WARN).stream().filter(m -> m.contains(name)).toList();
            if (protocol == RespVersion.RESP2) {
                // AUTH, then CLIENT SETNAME: NOPERM, so respkit goes on without the name and says so once.
                assertThat(warnings).hasSize(1);
                assertThat(warnings.get(0)).contains("'least'", "may not set the client name", "without it");
            } else {
                // Redis 7.0 sets the name through HELLO's SETNAME without checking client|setname; newer servers
                // that check it get HELLO without SETNAME on NOPERM, and warn once, as over RESP2.
                assertThat(warnings).hasSizeLessThanOrEqualTo(1);
            }
            assertThat(logs.text()).doesNotContain(LEAST_PASSWORD);
        }
    }

    private static String whoami(RedisConnection c) {
        return c.execute(Command.create(StringCodec.UTF8, "ACL", ReplyDecoders.string()).arg("WHOAMI"));
    }

    @SuppressWarnings("unchecked")
    private static long failedAuthAttempts(RedisClient<String> admin, String user) {
        long count = 0;
        for (Object entry : (List<Object>) admin.execute("ACL", "LOG")) {
            Map<String, Object> fields = new java.util.HashMap<>();
            if (entry instanceof Map<?, ?> map) {
                map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            } else {
                List<Object> list = (List<Object>) entry;
                for (int i = 0; i + 1 < list.size(); i += 2) {
                    fields.put(String.valueOf(list.get(i)), list.get(i + 1));
                }
            }
            if ("auth".equals(fields.get("reason")) && user.equals(fields.get("username"))) {
                count += (Long) fields.get("count");
            }
        }
        return count;
    }
}
