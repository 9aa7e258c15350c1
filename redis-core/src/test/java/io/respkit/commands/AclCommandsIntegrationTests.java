package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.Response;
import io.respkit.TransactionResult;
import io.respkit.codec.StringCodec;
import io.respkit.exceptions.RedisServerException;
import io.respkit.internal.commands.AclDefs;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ACL commands against a real server, under RESP2 and RESP3. */
@ExtendWith(RedisServerExtension.class)
class AclCommandsIntegrationTests {

    private static final String SECRET = "s3cret-Never-Shown";

    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
        redis.aclLogReset();
    }

    @AfterEach
    void close() {
        redis.aclDelUser("app", "limited");
        redis.close();
    }

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void usersAreCreatedReadListedAndDeleted(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.aclSetUser("app", "on", ">" + SECRET, "~app:*", "&news", "+@read", "-debug")).isTrue();
            AclUser app = client.aclGetUser("app");
            assertThat(app.isEnabled()).isTrue();
            assertThat(app.flags()).contains("on");
            assertThat(app.passwordHashes()).hasSize(1).allSatisfy(h -> assertThat(h).hasSize(64));
            assertThat(app.commands()).contains("+@read");
            assertThat(app.keys()).isEqualTo("~app:*");
            assertThat(app.channels()).isEqualTo("&news");
            assertThat(app.selectors()).isEmpty();
            assertThat(app.toString()).doesNotContain(app.passwordHashes().get(0)).contains("1 hidden");
            assertThat(client.aclGetUser("nobody")).isNull();

            assertThat(client.aclSetUser("limited", "on", "nopass", "~*", "+get", "(+set ~w:*)")).isTrue();
            assertThat(client.aclGetUser("limited").selectors()).singleElement()
                    .satisfies(s -> assertThat(s).containsEntry("keys", "~w:*"));

            assertThat(client.aclUsers()).contains("default", "app", "limited");
            assertThat(client.aclList()).anySatisfy(line -> assertThat(line).startsWith("user app on"));
            assertThat(client.aclWhoAmI()).isEqualTo("default");
            assertThat(client.aclDelUser("app", "nobody")).isEqualTo(1);
            assertThat(client.aclUsers()).doesNotContain("app");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void categoriesDryRunsAndPasswords(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.aclCat()).contains("keyspace", "read", "write", "dangerous");
            assertThat(client.aclCat("hyperloglog")).contains("pfadd", "pfcount");
            assertThatThrownBy(() -> client.aclCat("no-such-category")).isInstanceOf(RedisServerException.class);

            client.aclSetUser("limited", "on", "nopass", "~*", "+get");
            assertThat(client.aclDryRun("limited", "get", "k")).isNull();
            assertThat(client.aclDryRun("limited", "set", "k", "v")).contains("no permissions").contains("set");

            assertThat(client.aclGenPass()).hasSize(64).matches("[0-9a-f]+");
            assertThat(client.aclGenPass(32)).hasSize(8);
            assertThatThrownBy(() -> client.aclGenPass(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.aclLog(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void deniedCommandsShowInTheLog(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            client.aclSetUser("limited", "on", ">" + SECRET, "~*", "+get", "+@connection");
            try (RedisClient<String> limited = RedisClient.create(server.configBuilder().protocol(protocol)
                    .username("limited").password(SECRET).build())) {
                assertThatThrownBy(() -> limited.set("k", "v")).isInstanceOfSatisfying(RedisServerException.class,
                        e -> assertThat(e.code()).isEqualTo("NOPERM"));
            }
            List<AclLogEntry> log = client.aclLog();
            assertThat(log).isNotEmpty();
            AclLogEntry entry = log.get(0);
            assertThat(entry.username()).isEqualTo("limited");
            assertThat(entry.reason()).isEqualTo("command");
            assertThat(entry.context()).isEqualTo("toplevel");
            assertThat(entry.object()).isEqualTo("set");
            assertThat(entry.count()).isEqualTo(1);
            assertThat(entry.age()).isBetween(Duration.ZERO, Duration.ofMinutes(1));
            assertThat(entry.clientInfo()).contains("user=limited");
            assertThat(client.aclLog(1)).hasSize(1);
            assertThat(client.aclLogReset()).isTrue();
            assertThat(client.aclLog()).isEmpty();
        }
    }

    @Test
    void aPasswordNeverShowsInAnErrorOrToString() {
        assertThatThrownBy(() -> redis.aclSetUser("app", "on", ">" + SECRET, "no-such-rule"))
                .isInstanceOf(RedisServerException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e).doesNotContain(SECRET));
        assertThatThrownBy(() -> redis.aclSetUser("app", SECRET))
                .isInstanceOf(RedisServerException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e).doesNotContain(SECRET));
        Command<Boolean> cmd = AclDefs.aclSetUser(StringCodec.UTF8, "app", List.of("on", ">" + SECRET));
        assertThat(cmd.toString()).doesNotContain(SECRET);
        assertThat(cmd.spec().carriesCredentials(cmd)).isTrue();
        assertThat(AclDefs.aclDryRun(StringCodec.UTF8, "u", "get", List.of()).spec().mayCarryCredentials())
                .as("every ACL subcommand's errors are masked").isTrue();
    }

    @Test
    void aclFileCommandsReportThatTheServerHasNoFile() {
        assertThatThrownBy(() -> redis.aclSave()).isInstanceOf(RedisServerException.class)
                .hasMessageContaining("ACL file");
        assertThatThrownBy(() -> redis.aclLoad()).isInstanceOf(RedisServerException.class)
                .hasMessageContaining("ACL file");
    }

    @Test
    void pipelineTransactionAndAsync() {
        List<Object> results = redis.pipelined(p -> {
            p.aclSetUser("app", "on", "nopass");
            p.aclWhoAmI();
            p.aclGetUser("app");
        });
        assertThat(results.subList(0, 2)).containsExactly(true, "default");
        assertThat(((AclUser) results.get(2)).flags()).contains("on", "nopass");
        TransactionResult tx = redis.multi(t -> {
            t.aclUsers();
            t.aclDelUser("app");
        });
        assertThat(tx.get(0)).asList().contains("app");
        assertThat(tx.get(1)).isEqualTo(1L);
        Response<String> whoami = redis.async().aclWhoAmI();
        assertThat(whoami.join()).isEqualTo("default");
    }
}
