package io.respkit.connection;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolStats;
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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Connecting (by parameters and by URL), the handshake (RESP3/RESP2, AUTH, ACL users, database, client name),
 * authentication failures, connection and read-timeout failures, and that error replies leave a connection healthy.
 */
@ExtendWith(RedisServerExtension.class)
class RedisConnectionIntegrationTests {

    private static final String PASSWORD = "pw-Secr3t-7781";
    private static final String WRONG_PASSWORD = "wrong-Pa55-9913";

    private static RedisProcess secured;

    @BeforeAll
    static void startSecuredServer() {
        // RedisProcess.start("--requirepass", ...) cannot tell the server is up (its PING gets NOAUTH), so the
        // password is set once it runs.
        secured = RedisProcess.start();
        try (RedisClient<String> admin = RedisClient.create(securedConfig().build())) {
            assertThat(admin.execute("ACL", "SETUSER", "app", "on", ">apppw", "~*", "+@all")).isEqualTo("OK");
            assertThat(admin.execute("CONFIG", "SET", "requirepass", PASSWORD)).isEqualTo("OK");
        }
    }

    @AfterAll
    static void stopSecuredServer() {
        if (secured != null) {
            secured.close();
        }
    }

    private static RedisConfig.Builder securedConfig() {
        return RedisConfig.builder().host(secured.host()).port(secured.port());
    }

    // ------------------------------------------------------------------------------------ connecting

    @Test
    void connectsByParameters() {
        RedisConfig config = securedConfig().password(PASSWORD).database(1).clientName("by-params")
                .charset(StandardCharsets.ISO_8859_1).build();
        try (RedisClient<String> redis = RedisClient.create(config)) {
            assertThat(redis.set("café", "naïve")).isTrue();
            assertThat(redis.get("café")).isEqualTo("naïve");
            assertThat(redis.set("iso-key", "naïve")).isTrue();
            assertThat(redis.execute("CLIENT", "GETNAME")).isEqualTo("by-params");
            String info = redis.withConnection(r -> r.execute(
                    Command.create(r.codec(), "CLIENT INFO", ReplyDecoders.string())));
            assertThat(info).contains(" db=1 ");
            // ISO-8859-1 puts one byte per character on the wire
            byte[] raw = redis.withCodec(ByteArrayCodec.INSTANCE).get("iso-key");
            assertThat(raw).hasSize(5).isEqualTo("naïve".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void connectsByUrl() {
        try (RedisClient<String> redis = RedisClient.create("redis://:" + PASSWORD + "@127.0.0.1:" + secured.port()
                + "/0")) {
            String value = UUID.randomUUID().toString();
            assertThat(redis.set("url-key", value)).isTrue();
            assertThat(redis.get("url-key")).isEqualTo(value);
            assertThat(redis.execute("ACL", "WHOAMI")).isEqualTo("default");
        }
    }

    @Test
    void resp3HandshakeReportsProtocolAndServerVersion(RedisServer server) {
        try (RedisConnection c = RedisConnection.open(server.configBuilder().protocol(RespVersion.RESP3).build())) {
            assertThat(c.protocol()).isEqualTo(RespVersion.RESP3);
            assertThat(c.serverVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(c.isUsable()).isTrue();
            assertThat(c.isClean()).isTrue();
            assertThat(c.ping()).isTrue();
        }
    }

    @Test
    void resp2SelectedExplicitly(RedisServer server) {
        try (RedisConnection c = RedisConnection.open(server.configBuilder().protocol(RespVersion.RESP2).build())) {
            assertThat(c.protocol()).isEqualTo(RespVersion.RESP2);
            assertThat(c.serverVersion()).isNull();
            Object hello = c.execute(Command.create(StringCodec.UTF8, "HELLO", ReplyDecoders.decoded()));
            assertThat(hello).isInstanceOfSatisfying(List.class, list -> assertThat(list).containsSubsequence("proto", 2L));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void selectsTheConfiguredDatabase(RespVersion protocol, RedisServer server) {
        String key = "db-key-" + protocol;
        try (RedisClient<String> db2 = RedisClient.create(server.configBuilder().protocol(protocol).database(2).build());
             RedisClient<String> db0 = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            assertThat(db2.set(key, "in-two")).isTrue();
            assertThat(db2.get(key)).isEqualTo("in-two");
            assertThat(db0.get(key)).isNull();
            assertThat(db2.pool().withConnection(RedisConnection::isClean)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clientNameIsSet(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .clientName("respkit-" + protocol).build())) {
            assertThat(redis.execute("CLIENT", "GETNAME")).isEqualTo("respkit-" + protocol);
            assertThat(redis.execute("CLIENT GETNAME")).isEqualTo("respkit-" + protocol);
        }
    }

    // ------------------------------------------------------------------------------------ authentication

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void authenticatesWithPassword(RespVersion protocol) {
        try (RedisConnection c = RedisConnection.open(securedConfig().protocol(protocol).password(PASSWORD).build())) {
            assertThat(c.protocol()).isEqualTo(protocol);
            assertThat(c.execute(Command.create(ByteArrayCodec.INSTANCE, "ACL WHOAMI", ReplyDecoders.string())))
                    .isEqualTo("default");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void authenticatesAsAclUser(RespVersion protocol) {
        RedisConfig config = securedConfig().protocol(protocol).username("app").password("apppw")
                .clientName("acl-" + protocol).build();
        try (RedisClient<String> redis = RedisClient.create(config)) {
            assertThat(redis.execute("ACL", "WHOAMI")).isEqualTo("app");
            assertThat(redis.execute("CLIENT", "GETNAME")).isEqualTo("acl-" + protocol);
            assertThat(redis.set("acl-key", "v")).isTrue();
            assertThat(redis.pool().withConnection(RedisConnection::protocol)).isEqualTo(protocol);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void wrongPasswordFailsWithoutShowingIt(RespVersion protocol) {
        RedisConfig config = securedConfig().protocol(protocol).password(WRONG_PASSWORD).build();
        RedisAuthenticationException e = catchThrowableOfType(() -> RedisConnection.open(config),
                RedisAuthenticationException.class);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("WRONGPASS");
        assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD)
                .contains(secured.port() + "");
        assertThat(e.toString()).doesNotContain(WRONG_PASSWORD);

        RedisConfig aclConfig = securedConfig().protocol(protocol).username("app").password(WRONG_PASSWORD).build();
        try (RedisClient<String> redis = RedisClient.create(aclConfig)) {
            RedisAuthenticationException viaClient = catchThrowableOfType(() -> redis.get("k"),
                    RedisAuthenticationException.class);
            assertThat(viaClient).isNotNull();
            assertThat(viaClient.code()).isEqualTo("WRONGPASS");
            assertThat(viaClient.getMessage()).contains("app").doesNotContain(WRONG_PASSWORD);
            assertThat(viaClient.toString()).doesNotContain(WRONG_PASSWORD);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void missingPasswordFailsTheFirstCommandWithNoAuth(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(securedConfig().protocol(protocol).build())) {
            RedisAuthenticationException e = catchThrowableOfType(() -> redis.set("k", "v"),
                    RedisAuthenticationException.class);
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo("NOAUTH");
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------ failures

    @Test
    void connectionRefusedFailsQuickly() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = s.getLocalPort();
        }
        RedisConfig config = RedisConfig.builder().host("127.0.0.1").port(closedPort).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> RedisConnection.open(config))
                .isExactlyInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);
        try (RedisClient<String> redis = RedisClient.create(config)) {
            assertThatThrownBy(() -> redis.get("k")).isExactlyInstanceOf(RedisConnectionException.class);
            assertThat(redis.pool().stats().active()).isZero();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void readTimeoutBreaksTheConnectionAndNoReplyCrossesCallers(RedisServer server) {
        RedisConfig config = server.configBuilder().timeout(Duration.ofMillis(200)).build();
        try (RedisClient<String> redis = RedisClient.create(config);
             RedisClient<String> patient = RedisClient.create(server.config())) {
            PoolStats before = redis.pool().stats();

            long start = System.nanoTime();
            assertThatThrownBy(() -> redis.execute("DEBUG", "SLEEP", "1"))
                    .isInstanceOf(RedisTimeoutException.class)
                    .hasMessageContaining("DEBUG")
                    .hasMessageContaining("200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));

            PoolStats after = redis.pool().stats();
            assertThat(after.active()).isZero();
            assertThat(after.idle()).isZero();
            assertThat(after.destroyed()).isEqualTo(before.destroyed() + 1);

            // Wait (without sleeping) until the server woke up: this PING is answered after DEBUG SLEEP ends.
            assertThat(patient.execute("PING")).isEqualTo("PONG");

            // The late "+OK" of DEBUG SLEEP must never reach these callers.
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 100; i++) {
                String value = Long.toHexString(random.nextLong());
                assertThat(redis.set("after-timeout-" + i, value)).isTrue();
                assertThat(redis.get("after-timeout-" + i)).isEqualTo(value);
            }
        }
    }

    @Test
    void timedOutConnectionIsMarkedBroken(RedisServer server) {
        RedisConfig config = server.configBuilder().timeout(Duration.ofMillis(200)).build();
        try (ConnectionPool pool = ConnectionPool.create(config);
             RedisClient<String> patient = RedisClient.create(server.config())) {
            RedisConnection[] seen = new RedisConnection[1];
            pool.withConnection(c -> {
                seen[0] = c;
                assertThatThrownBy(() -> c.execute(Command.create(ByteArrayCodec.INSTANCE, "DEBUG",
                        ReplyDecoders.raw()).arg("SLEEP").arg("0.5"))).isInstanceOf(RedisTimeoutException.class);
                assertThat(c.isBroken()).isTrue();
                assertThat(c.isUsable()).isFalse();
                assertThat(c.ping()).isFalse();
                return null;
            });
            assertThat(patient.execute("PING")).isEqualTo("PONG");
            RedisConnection next = pool.withConnection(c -> c);
            assertThat(next).isNotSameAs(seen[0]);
            assertThat(pool.stats().destroyed()).isEqualTo(1);
        }
    }

    @Test
    void errorReplyLeavesTheConnectionHealthy(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.config())) {
            redis.set("wrongtype-key", "a string");
            redis.withConnection(r -> {
                Command<Long> clientId = Command.create(r.codec(), "CLIENT ID", ReplyDecoders.integer());
                long id = r.execute(clientId);
                assertThatThrownBy(() -> r.execute(Command.create(r.codec(), "LPUSH", ReplyDecoders.integer())
                        .key("wrongtype-key").value("item")))
                        .isInstanceOfSatisfying(RedisServerException.class,
                                e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
                assertThat(r.execute(Command.create(r.codec(), "CLIENT ID", ReplyDecoders.integer())))
                        .isEqualTo(id);
                assertThat(r.get("wrongtype-key")).isEqualTo("a string");
                return id;
            });
            assertThat(redis.pool().stats().destroyed()).isZero();
            assertThat(redis.pool().stats().idle()).isEqualTo(1);
        }
    }
}
