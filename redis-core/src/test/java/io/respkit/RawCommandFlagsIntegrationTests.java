package io.respkit;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.RequestPolicy;
import io.respkit.commands.ResponsePolicy;
import io.respkit.internal.commands.StringDefs;
import io.respkit.internal.server.EffectiveSpecs;
import io.respkit.internal.server.PooledCommandRunner;
import io.respkit.internal.server.ServerCommandTable;
import io.respkit.commands.ReplyDecoders;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PooledConnection;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Raw commands whose spec respkit does not know get their flags from the server's {@code COMMAND INFO}: a read-only
 * one is retried with {@code retryReads}, a write is not, a blocking one never shares the multiplexed connection and
 * waits past the read timeout, and each name is asked about once per server however many threads use it first.
 *
 * <p>The commands are real server commands under names respkit can never know: the test server renames
 * {@code STRLEN}, {@code APPEND}, {@code BLPOP}, {@code OBJECT}, and for the cluster policies {@code DBSIZE},
 * {@code MEMORY} and {@code SCAN} ({@code rename-command}), and answers {@code COMMAND INFO rkstrlen} with
 * {@code STRLEN}'s entry. So these tests stay valid however much the catalog
 * grows; each checks that the name is still unknown to it. Not thread-safe; the tests that need threads start them.
 */
@ExtendWith(RedisServerExtension.class)
class RawCommandFlagsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static RedisProcess server;

    @BeforeAll
    static void start() {
        server = RedisProcess.start("--rename-command", "STRLEN", "RKSTRLEN", "--rename-command", "APPEND", "RKAPPEND",
                "--rename-command", "BLPOP", "RKBLPOP", "--rename-command", "OBJECT", "RKOBJECT",
                "--rename-command", "DBSIZE", "RKDBSIZE", "--rename-command", "MEMORY", "RKMEMORY",
                "--rename-command", "SCAN", "RKSCAN");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void namesAreUnknownToRespkit() {
        for (String name : List.of("RKSTRLEN", "RKAPPEND", "RKBLPOP", "RKOBJECT ENCODING", "RKDBSIZE",
                "RKMEMORY PURGE", "RKSCAN")) {
            assertThat(raw(name).spec().isKnown()).as(name).isFalse();
        }
    }

    private static Command<Object> raw(String name) {
        return Command.create(StringCodec.UTF8, name, ReplyDecoders.decoded());
    }

    private static ConnectionPool pool(FaultProxy proxy, boolean retryReads) {
        return ConnectionPool.create(proxy.configBuilder().timeout(TIMEOUT).retryReads(retryReads)
                .pool(PoolConfig.builder().maxTotal(4).build()).build());
    }

    /** Opens {@code n} connections and gives them back, so that the pool holds {@code n} idle ones. */
    private static void warm(ConnectionPool pool, int n) {
        List<PooledConnection> leases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leases.add(pool.borrow());
        }
        leases.forEach(PooledConnection::close);
    }

    /** The number of {@code COMMAND INFO} calls the server counted since its stats were reset. */
    private static long commandInfoCalls(RedisClient<String> direct) {
        String stats = direct.info("commandstats").get("cmdstat_command|info");
        return stats == null ? 0 : Long.parseLong(stats.substring("calls=".length(), stats.indexOf(',')));
    }

    @Test
    void theServerSpecSaysWhatCommandInfoSays() {
        try (ConnectionPool pool = ConnectionPool.create(server.config())) {
            EffectiveSpecs specs = new EffectiveSpecs(new ServerCommandTable(), server.url(),
                    new PooledCommandRunner(pool));
            CommandSpec strlen = specs.spec(raw("RKSTRLEN").arg("k"));
            assertThat(strlen.isReadOnly()).isTrue();
            assertThat(strlen.isWrite() || strlen.isDedicated()).isFalse();
            assertThat(strlen.name()).isEqualTo("RKSTRLEN");
            CommandSpec append = specs.spec(raw("rkappend").arg("k").arg("v"));
            assertThat(append.isWrite()).isTrue();
            assertThat(append.isReadOnly() || append.isDedicated()).isFalse();
            CommandSpec blpop = specs.spec(raw("RKBLPOP").arg("k").arg(0));
            assertThat(blpop.isDedicated() && blpop.isWrite()).isTrue();
            assertThat(blpop.isReadOnly() || blpop.changesConnectionState()).isFalse();
            // A subcommand resolves through the entry's subcommands, in any case; the container has no flags.
            CommandSpec encoding = specs.spec(raw("RKOBJECT").arg("encoding").arg("k"));
            assertThat(encoding.name()).isEqualTo("RKOBJECT ENCODING");
            assertThat(encoding.isReadOnly()).isTrue();
            assertThat(specs.spec(raw("RKOBJECT ENCODING").arg("k"))).isSameAs(encoding);
            assertThat(specs.spec(raw("RKOBJECT")).isReadOnly()).isFalse();
            // Known specs are their own; names the server does not know have none.
            Command<String> get = StringDefs.get(StringCodec.UTF8, "k");
            assertThat(specs.spec(get)).isSameAs(get.spec());
            assertThat(specs.spec(raw("NOSUCHCOMMAND"))).isSameAs(CommandSpec.UNKNOWN);

            // Applied: a blocking command blocks forever unless it says for how long.
            Command<Object> forever = raw("RKBLPOP").arg("k").arg(0);
            specs.apply(forever);
            assertThat(forever.blockMillis()).isZero();
            assertThat(forever.isReadOnly()).isFalse();
            Command<Object> bounded = raw("RKBLPOP").arg("k").arg(5).blocking(Duration.ofSeconds(5));
            specs.apply(bounded);
            assertThat(bounded.blockMillis()).isEqualTo(5000);
            Command<Object> read = raw("RKSTRLEN").arg("k");
            specs.apply(read);
            assertThat(read.isReadOnly()).isTrue();
            assertThat(read.blockMillis()).isEqualTo(-1);
        }
    }

    @Test
    void theServerSpecHasThePoliciesTheServerTipsState() {
        try (ConnectionPool pool = ConnectionPool.create(server.config())) {
            EffectiveSpecs specs = new EffectiveSpecs(new ServerCommandTable(), server.url(),
                    new PooledCommandRunner(pool));
            CommandSpec dbsize = specs.spec(raw("RKDBSIZE"));
            assertThat(dbsize.requestPolicy()).isEqualTo(RequestPolicy.ALL_SHARDS);
            assertThat(dbsize.responsePolicy()).isEqualTo(ResponsePolicy.AGG_SUM);
            assertThat(dbsize.isReadOnly()).isTrue();
            CommandSpec scan = specs.spec(raw("RKSCAN").arg(0));
            assertThat(scan.requestPolicy()).isEqualTo(RequestPolicy.SPECIAL);
            assertThat(scan.responsePolicy()).isEqualTo(ResponsePolicy.DEFAULT);
            // Subcommands carry their own tips; the container has none.
            CommandSpec purge = specs.spec(raw("RKMEMORY").arg("purge"));
            assertThat(purge.name()).isEqualTo("RKMEMORY PURGE");
            assertThat(purge.requestPolicy()).isEqualTo(RequestPolicy.ALL_SHARDS);
            assertThat(purge.responsePolicy()).isEqualTo(ResponsePolicy.ALL_SUCCEEDED);
            CommandSpec stats = specs.spec(raw("RKMEMORY").arg("STATS"));
            assertThat(stats.requestPolicy()).isEqualTo(RequestPolicy.ALL_SHARDS);
            assertThat(stats.responsePolicy()).isEqualTo(ResponsePolicy.SPECIAL);
            CommandSpec memory = specs.spec(raw("RKMEMORY"));
            assertThat(memory.requestPolicy()).isEqualTo(RequestPolicy.DEFAULT);
            assertThat(memory.responsePolicy()).isEqualTo(ResponsePolicy.DEFAULT);
            CommandSpec strlen = specs.spec(raw("RKSTRLEN").arg("k"));
            assertThat(strlen.requestPolicy()).isEqualTo(RequestPolicy.DEFAULT);
            assertThat(strlen.responsePolicy()).isEqualTo(ResponsePolicy.DEFAULT);
            assertThat(specs.spec(raw("NOSUCHCOMMAND")).requestPolicy()).isEqualTo(RequestPolicy.DEFAULT);
        }
    }

    @Test
    void aRawReadOnlyCommandIsRetriedOnceWithRetryReads() {
        try (RedisClient<String> direct = RedisClient.create(server.config());
             FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy, true);
             RedisClient<String> redis = RedisClient.create(pool)) {
            direct.set("raw:read", "abc");
            // The first use asks COMMAND INFO; a lookup that failed would tell nothing and leave the flags unknown.
            assertThat(redis.execute("RKSTRLEN", "raw:read")).isEqualTo(3L);
            assertThat(redis.execute("RKOBJECT", "ENCODING", "raw:read")).isEqualTo("embstr");
            warm(pool, 4);
            long created = pool.stats().created();
            proxy.resetAll();
            // Every pooled connection is dead: the first attempt fails on one, the retry opens a fresh one.
            assertThat(redis.execute("RKSTRLEN", "raw:read")).isEqualTo(3L);
            assertThat(pool.stats().created()).isEqualTo(created + 1);
            // A subcommand's flags are its own: OBJECT ENCODING is read-only.
            warm(pool, 4);
            created = pool.stats().created();
            proxy.resetAll();
            assertThat(redis.execute(raw("RKOBJECT ENCODING").arg("raw:read"))).isEqualTo("embstr");
            assertThat(pool.stats().created()).isEqualTo(created + 1);
        }
    }

    @Test
    void aRawWriteIsNotRetried() {
        try (RedisClient<String> direct = RedisClient.create(server.config());
             FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy, true);
             RedisClient<String> redis = RedisClient.create(pool)) {
            direct.del("raw:write");
            assertThat(redis.execute("RKAPPEND", "raw:write", "a")).isEqualTo(1L);
            warm(pool, 1);
            proxy.resetAll();
            assertThatThrownBy(() -> redis.execute("RKAPPEND", "raw:write", "b"))
                    .isInstanceOf(RedisConnectionException.class);
            assertThat(direct.get("raw:write")).isEqualTo("a");
        }
    }

    @Test
    void aRawBlockingCommandNeverSharesTheMultiplexedConnectionAndOutwaitsTheReadTimeout() throws Exception {
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (RedisClient<String> direct = RedisClient.create(server.config());
             RedisClient<String> redis = RedisClient.create(server.configBuilder().timeout(TIMEOUT).multiplexed(true)
                     .build())) {
            direct.del("raw:queue", "raw:queue2");
            redis.set("raw:shared", "v");
            Future<Object> popped = threads.submit(() -> redis.execute("RKBLPOP", "raw:queue", 0));
            CompletableFuture<Object> asyncPopped = redis.async().enqueue(raw("RKBLPOP").arg("raw:queue2").arg(0));
            await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(direct.info("clients").get("blocked_clients")));
            // Were either pop on the shared connection, this reply would queue behind it and time out.
            assertThat(redis.get("raw:shared")).isEqualTo("v");
            assertThat(redis.async().get("raw:shared").get(10, TimeUnit.SECONDS)).isEqualTo("v");
            // Blocking forever, they outlive the read timeout several times over.
            await().during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(10))
                    .until(() -> !popped.isDone() && !asyncPopped.isDone());
            direct.rpush("raw:queue", "x");
            direct.rpush("raw:queue2", "y");
            assertThat(popped.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("raw:queue", "x"));
            assertThat(asyncPopped.get(10, TimeUnit.SECONDS)).isEqualTo(List.of("raw:queue2", "y"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRawBlockingCommandInAPipelineOutwaitsTheReadTimeout() throws Exception {
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (RedisClient<String> direct = RedisClient.create(server.config());
             RedisClient<String> redis = RedisClient.create(server.configBuilder().timeout(TIMEOUT).build())) {
            direct.del("raw:pipequeue");
            Future<List<Object>> results = threads.submit(() -> redis.pipelined(p -> {
                p.set("raw:pipe", "v");
                p.enqueue(raw("RKBLPOP").arg("raw:pipequeue").arg(0));
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(direct.info("clients").get("blocked_clients")));
            await().during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(10)).until(() -> !results.isDone());
            direct.rpush("raw:pipequeue", "x");
            assertThat(results.get(10, TimeUnit.SECONDS)).containsExactly(true, List.of("raw:pipequeue", "x"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPipelineOnAPoolOfOneNeverWaitsForASecondConnectionToAsk() {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder()
                .pool(PoolConfig.builder().maxTotal(1).maxWait(Duration.ofMinutes(10)).build()).build())) {
            redis.set("raw:pool1", "abc");
            // The lookup would need a second connection while the pipeline holds the only one: it is skipped.
            assertThat(redis.pipelined(p -> {
                p.get("raw:pool1");
                p.enqueue(raw("RKSTRLEN").arg("raw:pool1"));
            })).containsExactly("abc", 3L);
        }
    }

    @Test
    void eachNameIsAskedAboutOnceUnderSixteenConcurrentFirstUses() throws Exception {
        int n = 16;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try (RedisClient<String> direct = RedisClient.create(server.config());
             RedisClient<String> redis = RedisClient.create(server.configBuilder()
                     .pool(PoolConfig.builder().maxTotal(n).build()).build())) {
            direct.set("raw:concurrent", "abcd");
            direct.execute("CONFIG", "RESETSTAT");
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return List.of(redis.execute("RKSTRLEN", "raw:concurrent"),
                            redis.execute("rkobject", "encoding", "raw:concurrent"));
                }));
            }
            for (Future<List<Object>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).containsExactly(4L, "embstr");
            }
            assertThat(commandInfoCalls(direct)).as("COMMAND INFO rkstrlen, rkobject").isEqualTo(2);
            // Cached from then on, for every codec view of the client.
            redis.withCodec(io.respkit.codec.ByteArrayCodec.INSTANCE).execute("RKSTRLEN", "raw:concurrent");
            assertThat(commandInfoCalls(direct)).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void commandsWithAKnownSpecAskNothing() {
        try (RedisClient<String> direct = RedisClient.create(server.config());
             RedisClient<String> redis = RedisClient.create(server.config())) {
            direct.execute("CONFIG", "RESETSTAT");
            redis.set("raw:known", "v");
            assertThat(redis.get("raw:known")).isEqualTo("v");
            assertThat(redis.execute("GET", "raw:known")).isEqualTo("v");
            assertThat(redis.execute("CONFIG GET", "maxmemory")).isNotNull();
            redis.async().get("raw:known").join();
            redis.pipelined(p -> p.enqueue(raw("GET").arg("raw:known")));
            // Nor does COMMAND itself, which the lookups send: its flags are none of those that matter.
            assertThat(redis.execute("COMMAND", "COUNT")).isInstanceOf(Long.class);
            assertThat(commandInfoCalls(direct)).isZero();
        }
    }

    @Test
    void rawCommandsStillRunWhereCommandIsRenamedAway() {
        try (RedisProcess renamed = RedisProcess.start("--rename-command", "COMMAND", "\"\"",
                "--rename-command", "STRLEN", "RKSTRLEN");
             RedisClient<String> direct = RedisClient.create(renamed.config());
             FaultProxy proxy = FaultProxy.to(renamed);
             ConnectionPool pool = pool(proxy, true);
             RedisClient<String> redis = RedisClient.create(pool)) {
            direct.set("raw:nocommand", "abc");
            assertThat(redis.execute("RKSTRLEN", "raw:nocommand")).isEqualTo(3L);
            // The flags default to none: not read-only, so not retried.
            warm(pool, 1);
            proxy.resetAll();
            assertThatThrownBy(() -> redis.execute("RKSTRLEN", "raw:nocommand"))
                    .isInstanceOf(RedisConnectionException.class);
            assertThat(redis.execute("RKSTRLEN", "raw:nocommand")).isEqualTo(3L);
        }
    }
}
