package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisServerException;
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

/** The CLIENT commands against a real server, under RESP2 and RESP3. */
@ExtendWith(RedisServerExtension.class)
class ClientCommandsIntegrationTests {

    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
    }

    @AfterEach
    void close() {
        redis.clientUnpause();
        redis.close();
    }

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clientsAreListedAndParsed(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            client.withConnection(c -> {
                c.clientSetName("lister");
                long id = c.clientId();
                ClientInfo me = c.clientInfo();
                assertThat(me.id()).isEqualTo(id);
                assertThat(me.name()).isEqualTo("lister");
                assertThat(me.address()).startsWith("127.0.0.1:");
                assertThat(me.localAddress()).endsWith(":" + server.port());
                assertThat(me.lastCommand()).isEqualTo("client|info");
                assertThat(me.user()).isEqualTo("default");
                assertThat(me.fields()).containsKeys("id", "addr", "flags", "resp");
                assertThat(me.fields().get("resp")).isEqualTo(protocol == RespVersion.RESP3 ? "3" : "2");
                assertThat(c.clients()).extracting(ClientInfo::id).contains(id);
                assertThat(c.clients(ClientType.NORMAL)).extracting(ClientInfo::id).contains(id);
                assertThat(c.clients(ClientType.PUBSUB)).extracting(ClientInfo::id).doesNotContain(id);
                assertThat(c.clientsById(id, Long.MAX_VALUE)).singleElement()
                        .satisfies(info -> assertThat(info.name()).isEqualTo("lister"));
                return null;
            });
        }
    }

    @Test
    void clientInfoParsesEveryField() {
        ClientInfo info = ClientInfo.parse("id=7 addr=127.0.0.1:52555 laddr=127.0.0.1:6379 fd=8 name= age=12 "
                + "idle=3 flags=N db=2 sub=0 psub=0 cmd=client|list user=default resp=3");
        assertThat(info).isEqualTo(new ClientInfo(7, "127.0.0.1:52555", "127.0.0.1:6379", "",
                Duration.ofSeconds(12), Duration.ofSeconds(3), "N", 2, "client|list", "default", info.fields()));
        assertThat(info.fields()).containsEntry("resp", "3").containsEntry("fd", "8").hasSize(14);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clientKillClosesTheConnectionsTheFiltersSelect(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol);
             RedisClient<String> victim = client(server, protocol)) {
            long victimId = victim.withConnection(ServerCommands::clientId); // stays pooled
            ClientInfo target = client.clientsById(victimId).get(0);
            assertThatThrownBy(() -> client.clientKill(ClientKillArgs.NONE.withUser("no-such-user")))
                    .isInstanceOf(RedisServerException.class).hasMessageContaining("No such user");
            assertThat(client.clientKill(ClientKillArgs.NONE.withAddress("10.1.2.3:4"))).isZero();
            assertThat(client.clientKill(ClientKillArgs.NONE.withType(ClientType.PUBSUB)
                    .withLocalAddress("127.0.0.1:1").skipMe(true))).isZero();
            ClientKillArgs old = ClientKillArgs.NONE.withType(ClientType.PUBSUB).withMaxAge(Duration.ofHours(1));
            if (client.info("server").get("server", "redis_version").compareTo("7.4") >= 0) {
                assertThat(client.clientKill(old)).isZero();
            } else {
                assertThatThrownBy(() -> client.clientKill(old)).as("MAXAGE is Redis 7.4+")
                        .hasMessageContaining("syntax error");
            }
            assertThat(client.clientKill(ClientKillArgs.NONE.withId(target.id()).withAddress(target.address())
                    .withLocalAddress(target.localAddress()).withUser("default").withType(ClientType.NORMAL)))
                    .isEqualTo(1);
            assertThat(client.clientsById(target.id())).isEmpty();
            try {
                victim.ping();
            } catch (RedisConnectionException e) {
                // the killed connection, found broken on its next use
            }
            assertThat(victim.ping()).as("the victim's pool replaces the killed connection").isEqualTo("PONG");
        }
    }

    @Test
    void clientKillRejectsACallWithoutAFilter() {
        assertThatThrownBy(() -> redis.clientKill(ClientKillArgs.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> redis.clientKill(ClientKillArgs.NONE.skipMe(false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientKillArgs.NONE.withId(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientKillArgs.NONE.withMaxAge(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pauseHoldsBackWritesUntilUnpaused() {
        assertThat(redis.clientPause(Duration.ofSeconds(30), ClientPauseMode.WRITE)).isTrue();
        assertThat(redis.get("paused:k")).as("reads go on").isNull();
        assertThat(redis.clientUnpause()).isTrue();
        assertThat(redis.set("paused:k", "v")).isTrue();
        assertThat(redis.clientPause(Duration.ofMillis(1))).isTrue();
        assertThat(redis.clientUnpause()).isTrue();
        assertThatThrownBy(() -> redis.clientPause(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void trackingIsTurnedOnDescribedAndOff(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            client.withConnection(c -> {
                long id = c.clientId();
                assertThat(c.clientTrackingInfo().flags()).containsExactly("off");
                assertThat(c.clientGetRedir()).isEqualTo(-1);
                assertThat(c.clientTrackingOn(ClientTrackingArgs.NONE.redirectTo(id).withBroadcast("user:", "job:")
                        .withNoLoop())).isTrue();
                TrackingInfo info = c.clientTrackingInfo();
                assertThat(info.flags()).contains("on", "bcast", "noloop");
                assertThat(info.redirect()).isEqualTo(id);
                assertThat(info.prefixes()).containsExactlyInAnyOrder("user:", "job:");
                assertThat(c.clientGetRedir()).isEqualTo(id);
                assertThat(c.clientTrackingOff()).isTrue();

                assertThat(c.clientTrackingOn(ClientTrackingArgs.NONE.redirectTo(id).withOptIn())).isTrue();
                assertThat(c.clientCaching(true)).isTrue();
                assertThat(c.clientTrackingInfo().flags()).contains("optin", "caching-yes");
                assertThatThrownBy(() -> c.clientCaching(false)).isInstanceOf(RedisServerException.class);
                assertThat(c.clientTrackingOff()).isTrue();
                assertThat(c.clientTrackingOn(ClientTrackingArgs.NONE.redirectTo(id).withOptOut())).isTrue();
                assertThat(c.clientCaching(false)).isTrue();
                assertThat(c.clientTrackingOff()).isTrue();
                return null;
            });
        }
    }

    @Test
    void aTrackedPooledConnectionIsNotReusedDirty() {
        long destroyed = redis.pool().stats().destroyed();
        long id = redis.withConnection(ServerCommands::clientId);
        assertThat(redis.clientTrackingOn(ClientTrackingArgs.NONE.redirectTo(id).withBroadcast())).isTrue();
        assertThat(redis.pool().stats().destroyed()).as("the tracking connection was closed, not pooled")
                .isEqualTo(destroyed + 1);
        assertThat(redis.clientTrackingInfo().flags()).containsExactly("off");
        assertThat(redis.clientNoEvict(true)).isTrue();
        assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 2);
    }

    @Test
    void trackingArgsRejectWhatTheServerWould() {
        assertThatThrownBy(() -> ClientTrackingArgs.NONE.withOptIn().withOptOut())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientTrackingArgs.NONE.withBroadcast().withOptIn())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientTrackingArgs(0, false, List.of("p:"), false, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientTrackingArgs.NONE.redirectTo(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void unblockReleasesABlockedConnection(RespVersion protocol, RedisServer server) throws Exception {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.clientUnblock(Long.MAX_VALUE)).isFalse();
            assertThat(client.clientUnblockWithError(Long.MAX_VALUE)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void resetReturnsTheConnectionToItsFirstState(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            String name = client.withConnection(c -> {
                c.clientSetName("before-reset");
                c.select(2);
                assertThat(c.resetConnection()).isEqualTo("RESET");
                return c.clientGetName();
            });
            assertThat(name).isNull();
            long destroyed = client.pool().stats().destroyed();
            assertThat(client.resetConnection()).isEqualTo("RESET");
            assertThat(client.pool().stats().destroyed()).as("a reset connection is not reused")
                    .isEqualTo(destroyed + 1);
        }
    }

    @Test
    void pipelineTransactionAndAsync() {
        List<Object> results = redis.pipelined(p -> {
            p.clientInfo();
            p.clientGetRedir();
        });
        assertThat(results.get(0)).isInstanceOf(ClientInfo.class);
        assertThat(results.get(1)).isEqualTo(-1L);
        assertThat(redis.multi(t -> t.clients(ClientType.NORMAL)).get(0)).asList().isNotEmpty();
        assertThat(redis.async().clientInfo().join().lastCommand()).isEqualTo("client|info");
    }
}
