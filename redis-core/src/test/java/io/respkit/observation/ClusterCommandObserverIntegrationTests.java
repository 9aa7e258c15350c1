package io.respkit.observation;

import io.respkit.PipelineOptions;
import io.respkit.RedisClusterClient;
import io.respkit.Transaction;
import io.respkit.cluster.ClusterConfig;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.ScanArgs;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.CommandObserver.QueryText;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.QueryTextRecorder;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisClusterClient#withObserver}: every surface of the cluster client is one observed call, named after the
 * node it was sent to, ended once with the outcome the caller saw; an observer that throws never breaks a command.
 */
@ClusterTest
class ClusterCommandObserverIntegrationTests {

    /** Records each call in start order; each must end exactly once. */
    static final class Recorder implements CommandObserver {
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        @Override
        public Call start(Operation op) {
            Seen s = new Seen(op);
            seen.add(s);
            return s;
        }

        /** Waits until every call started so far ended (an asynchronous one ends on the thread completing it). */
        List<Seen> ended() {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().allMatch(s -> s.ends.get() > 0));
            assertThat(seen).allSatisfy(s -> assertThat(s.ends.get()).as("ends of " + s).isEqualTo(1));
            return List.copyOf(seen);
        }
    }

    static final class Seen implements CommandObserver.Call {
        final CommandObserver.Operation op;
        final AtomicInteger ends = new AtomicInteger();
        volatile RuntimeException error;

        Seen(CommandObserver.Operation op) {
            this.op = op;
        }

        @Override
        public void succeeded() {
            ends.incrementAndGet();
        }

        @Override
        public void failed(RuntimeException e) {
            error = e;
            ends.incrementAndGet();
        }

        HostAndPort node() {
            return new HostAndPort(op.host(), op.port());
        }

        /** {@code NAME xN -> ok|ExceptionClass}, without the node. */
        String call() {
            return op.name() + " x" + op.commands() + " db" + op.database() + " -> "
                    + (error == null ? "ok" : error.getClass().getSimpleName());
        }

        @Override
        public String toString() {
            return call() + " @" + node();
        }
    }

    private RedisCluster cluster;

    @BeforeEach
    void flush(RedisCluster cluster) {
        this.cluster = cluster;
        cluster.flushAll();
    }

    private static RedisClusterClient<String> client(RedisCluster cluster) {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds()).build());
    }

    private HostAndPort nodeOf(String key) {
        return cluster.primaryOf(cluster.slotOf(key)).hostAndPort();
    }

    private Set<HostAndPort> primaries() {
        return cluster.primaries().stream().map(ClusterNode::hostAndPort).collect(Collectors.toSet());
    }

    @Test
    void everySurfaceIsOneCallNamedAfterTheNodeItWasSentTo() {
        Recorder recorder = new Recorder();
        String a = "obs:{a}";
        String b = "obs:{b}";
        String t = "obs:{t}";
        List<String> expected = new ArrayList<>();
        List<HostAndPort> nodes = new ArrayList<>(); // null: any primary (a fan-out starts on one of them)
        try (RedisClusterClient<String> plain = client(cluster)) {
            RedisClusterClient<String> redis = plain.withObserver(recorder);

            redis.set(a, "1");
            expect(expected, nodes, "SET x1", nodeOf(a));
            assertThat(redis.get(a)).isEqualTo("1");
            expect(expected, nodes, "GET x1", nodeOf(a));
            assertThat(redis.execute("GET", a)).isEqualTo("1");
            expect(expected, nodes, "GET x1", nodeOf(a));
            redis.set(b, "2");
            expect(expected, nodes, "SET x1", nodeOf(b));
            // split per slot, parts on two nodes (or two slots of one): one call, on the first part's node
            assertThat(redis.mget(a, b)).containsExactly("1", "2");
            expect(expected, nodes, "MGET x1", nodeOf(a));
            // fan-out to every primary: one call each
            assertThat(redis.dbsize()).isEqualTo(2L);
            expect(expected, nodes, "DBSIZE x1", null);
            assertThat(redis.keys("obs:*")).containsExactlyInAnyOrder(a, b);
            expect(expected, nodes, "KEYS x1", null);

            assertThat(redis.async().get(a).join()).isEqualTo("1"); // the node's shared connection
            expect(expected, nodes, "GET x1", nodeOf(a));
            assertThat(redis.async().dbsize().join()).isEqualTo(2L); // a worker, through the router
            expect(expected, nodes, "DBSIZE x1", null);
            assertThat(redis.async().mget(a, b).join()).containsExactly("1", "2");
            expect(expected, nodes, "MGET x1", nodeOf(a));

            List<Object> piped = redis.pipelined(p -> {
                p.get(a);
                p.get(b);
                p.set(t, "0");
            });
            assertThat(piped).containsExactly("1", "2", true);
            expect(expected, nodes, "PIPELINE x3", nodeOf(a));
            redis.pipelined(PipelineOptions.DEFAULT.withTransaction(true), p -> {
                p.incr(t);
                p.incr(t);
            });
            expect(expected, nodes, "PIPELINE x2", nodeOf(t));

            try (Transaction<String> tx = redis.multi(t)) {
                tx.incr(t);
                tx.exec();
            }
            expect(expected, nodes, "MULTI x1", nodeOf(t));
            redis.multi(t, tx -> {
                tx.incr(t);
                tx.incr(t);
            });
            expect(expected, nodes, "MULTI x2", nodeOf(t));
            redis.transaction(List.of(t), (now, tx) -> {
                assertThat(now.get(t)).isEqualTo("5"); // on the watching connection: a call of its own
                tx.incr(t);
            });
            expect(expected, nodes, "WATCH x1", nodeOf(t));
            expect(expected, nodes, "GET x1", nodeOf(t));
            expect(expected, nodes, "MULTI x1", nodeOf(t));

            assertThat(redis.withCodec(ByteArrayCodec.INSTANCE).get(a)).isEqualTo("1".getBytes(StandardCharsets.UTF_8));
            expect(expected, nodes, "GET x1", nodeOf(a));
            assertThat(plain.get(a)).isEqualTo("1"); // the client it was made from stays unobserved
            assertThat(plain.async().get(a).join()).isEqualTo("1");

            List<Seen> seen = recorder.ended();
            assertThat(seen).extracting(Seen::call).containsExactlyElementsOf(expected.stream()
                    .map(c -> c + " db0 -> ok").toList());
            for (int i = 0; i < seen.size(); i++) {
                HostAndPort node = nodes.get(i);
                if (node != null) {
                    assertThat(seen.get(i).node()).as(seen.get(i).toString()).isEqualTo(node);
                } else {
                    assertThat(primaries()).as(seen.get(i).toString()).contains(seen.get(i).node());
                }
            }

            // SCAN: one call per page, each on the primary it pages (one page each here)
            recorder.seen.clear();
            assertThat(redis.scan(ScanArgs.match("obs:*").count(1000)).toList()).hasSize(3);
            List<Seen> pages = recorder.ended();
            assertThat(pages).extracting(Seen::call).containsOnly("SCAN x1 db0 -> ok");
            assertThat(pages).extracting(Seen::node).containsExactlyInAnyOrderElementsOf(primaries());
        }
    }

    private static void expect(List<String> calls, List<HostAndPort> nodes, String call, HostAndPort node) {
        calls.add(call);
        nodes.add(node);
    }

    @Test
    void aFailedCallEndsWithTheExceptionTheCallerGot() {
        Recorder recorder = new Recorder();
        String a = "obs:{a}";
        try (RedisClusterClient<String> plain = client(cluster)) {
            RedisClusterClient<String> redis = plain.withObserver(recorder);
            redis.set(a, "string");
            recorder.seen.clear();

            RedisServerException wrongType = catchThrowableOfType(RedisServerException.class,
                    () -> redis.lpush(a, "x"));
            CompletionException async = catchThrowableOfType(CompletionException.class,
                    () -> redis.async().lpush(a, "x").join());
            RedisPipelineException piped = catchThrowableOfType(RedisPipelineException.class,
                    () -> redis.pipelined(p -> {
                        p.get(a);
                        p.lpush(a, "x");
                    }));
            // refused before any node was chosen: the call names the first seed
            RedisCrossSlotException crossSlot = catchThrowableOfType(RedisCrossSlotException.class,
                    () -> redis.rename(a, "obs:{b}"));
            // a transaction whose queueing was refused never reached EXEC: not observed, as on a single node
            assertThatThrownBy(() -> redis.multi(a, tx -> tx.incr("obs:{b}")))
                    .isInstanceOf(RedisCrossSlotException.class);

            List<Seen> seen = recorder.ended();
            assertThat(seen).extracting(Seen::call).containsExactly("LPUSH x1 db0 -> RedisServerException",
                    "LPUSH x1 db0 -> RedisServerException", "PIPELINE x2 db0 -> RedisPipelineException",
                    "RENAME x1 db0 -> RedisCrossSlotException");
            assertThat(seen.get(0).error).isSameAs(wrongType);
            assertThat(seen.get(1).error).isSameAs(async.getCause());
            assertThat(seen.get(2).error).isSameAs(piped);
            assertThat(seen.get(3).error).isSameAs(crossSlot);
            assertThat(seen).extracting(Seen::node).containsExactly(nodeOf(a), nodeOf(a), nodeOf(a),
                    cluster.seeds().get(0));
        }
    }

    @Test
    void anObserverThatThrowsNeverBreaksACommand() {
        CommandObserver failsToStart = op -> {
            throw new IllegalStateException("observer bug");
        };
        CommandObserver failsToEnd = op -> new CommandObserver.Call() {
            @Override
            public void succeeded() {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void failed(RuntimeException error) {
                throw new IllegalStateException("observer bug");
            }
        };
        String a = "obs:{a}";
        try (RedisClusterClient<String> plain = client(cluster)) {
            for (CommandObserver broken : List.of(failsToStart, failsToEnd)) {
                RedisClusterClient<String> redis = plain.withObserver(broken);
                redis.set(a, "v");
                assertThat(redis.get(a)).isEqualTo("v");
                assertThat(redis.dbsize()).isEqualTo(1L);
                assertThat(redis.async().get(a).join()).isEqualTo("v");
                assertThat(redis.async().dbsize().join()).isEqualTo(1L);
                assertThat(redis.pipelined(p -> p.get(a))).containsExactly("v");
                assertThat(redis.multi(a, tx -> tx.get(a)).results()).containsExactly("v");
                assertThat(redis.transaction(List.of(a), (now, tx) -> tx.get(a)).results()).containsExactly("v");
                assertThat(redis.scan(ScanArgs.match("obs:*")).toList()).containsExactly(a);
                // the caller still gets its own failure, not the observer's
                assertThatThrownBy(() -> redis.lpush(a, "x")).isInstanceOf(RedisServerException.class);
                assertThatThrownBy(() -> redis.async().lpush(a, "x").join()).hasCauseInstanceOf(
                        RedisServerException.class);
            }
        }
    }

    /** The query text an observer asks for, on every surface of the cluster client; a scan page too. */
    @Test
    void queryTextIsWhatTheObserverAskedFor() {
        QueryTextRecorder sanitized = new QueryTextRecorder(QueryText.SANITIZED, new Recorder());
        List<String> texts = sanitized.texts();
        String a = "obs:{q}a";
        String b = "obs:{q}b";
        try (RedisClusterClient<String> plain = client(cluster)) {
            RedisClusterClient<String> redis = plain.withObserver(sanitized);
            redis.set(a, "secret-value");
            redis.async().get(a).join();
            redis.pipelined(p -> {
                p.get(a);
                p.set(b, "x");
            });
            redis.multi(a, tx -> tx.incr(b));
            redis.mget(a, "obs:{other}");
            assertThat(redis.scan(ScanArgs.match("obs:*")).toList()).isNotEmpty();
        }
        assertThat(texts).startsWith("SET obs:{q}a ?", "GET obs:{q}a", "GET obs:{q}a; SET obs:{q}b ?", "INCR obs:{q}b",
                "MGET obs:{q}a obs:{other}");
        assertThat(texts.subList(5, texts.size())).isNotEmpty().allMatch(t -> t.startsWith("SCAN ?"));
        assertThat(String.join("\n", texts)).doesNotContain("secret-value");
    }

    /**
     * A pipeline round that chose no node (refused before sending, or every command already sent by {@code sync()})
     * is still one call with its query text: the text of commands already let go is {@code ?}.
     */
    @Test
    void aPipelineRoundThatChoseNoNodeIsStillObservedWithItsText() {
        Recorder recorder = new Recorder();
        QueryTextRecorder sanitized = new QueryTextRecorder(QueryText.SANITIZED, recorder);
        List<String> texts = sanitized.texts();
        try (RedisClusterClient<String> plain = client(cluster)) {
            RedisClusterClient<String> redis = plain.withObserver(sanitized);
            RedisCrossSlotException crossSlot = catchThrowableOfType(RedisCrossSlotException.class,
                    () -> redis.pipelined(PipelineOptions.DEFAULT.withTransaction(true), p -> {
                        p.incr("obs:{a}");
                        p.incr("obs:{b}");
                    }));
            try (var p = redis.pipeline()) {
                p.set("obs:{a}", "v");
                p.sync();
                assertThat(p.execute()).containsExactly(true);
            }
            List<Seen> seen = recorder.ended();
            assertThat(seen).extracting(Seen::call).containsExactly("PIPELINE x2 db0 -> RedisCrossSlotException",
                    "PIPELINE x1 db0 -> ok");
            assertThat(seen.get(0).error).isSameAs(crossSlot);
            assertThat(texts).hasSize(2).doesNotContainNull();
        }
    }

    @Test
    void anObservedClientOwnsWhatItsOriginalOwnedAndWithCodecKeepsTheObserver() {
        Recorder recorder = new Recorder();
        RedisClusterClient<String> plain = client(cluster);
        RedisClusterClient<String> observed = plain.withObserver(recorder);
        RedisClusterClient<byte[]> raw = observed.withCodec(ByteArrayCodec.INSTANCE);
        raw.set("obs:{a}", new byte[] {1});
        raw.close(); // made by withCodec: leaves the nodes open
        assertThat(observed.get("obs:{a}")).isNotNull();
        assertThat(recorder.ended()).extracting(Seen::call).containsExactly("SET x1 db0 -> ok", "GET x1 db0 -> ok");
        observed.close(); // made from the owner: closes what the owner owned
        assertThatThrownBy(() -> plain.get("obs:{a}")).isInstanceOf(IllegalStateException.class);
    }

    /** MOVED followed (sync, async, pipeline, transaction) is one call each, on a private cluster whose slot moves. */
    @Test
    void aRedirectedCommandIsOneCall() {
        Recorder recorder = new Recorder();
        try (RedisCluster own = RedisCluster.start(3, 0);
             RedisClusterClient<String> plain = RedisClusterClient.create(ClusterConfig.builder()
                     .seeds(own.seeds()).refreshPeriod(Duration.ZERO) // only what MOVED teaches the client
                     .nodeConfig(RedisConfig.builder().timeout(Duration.ofSeconds(5)).build()).build())) {
            RedisClusterClient<String> redis = plain.withObserver(recorder);
            String k = "mv:{m}";
            int slot = own.slotOf(k);
            redis.set(k, "1");
            List<ClusterNode> owners = new ArrayList<>();
            owners.add(own.primaryOf(slot));
            for (int step = 0; step < 4; step++) {
                ClusterNode from = owners.get(owners.size() - 1);
                ClusterNode to = own.primaries().stream().filter(p -> !p.nodeId().equals(from.nodeId()))
                        .findFirst().orElseThrow();
                own.moveSlot(slot, to);
                owners.add(to);
                switch (step) {
                    case 0 -> assertThat(redis.get(k)).isEqualTo("1");
                    case 1 -> assertThat(redis.async().get(k).join()).isEqualTo("1");
                    case 2 -> assertThat(redis.pipelined(p -> p.get(k))).containsExactly("1");
                    default -> assertThat(redis.multi(k, tx -> tx.get(k)).results()).containsExactly("1");
                }
            }
            List<Seen> seen = recorder.ended();
            assertThat(seen).extracting(Seen::call).containsExactly("SET x1 db0 -> ok", "GET x1 db0 -> ok",
                    "GET x1 db0 -> ok", "PIPELINE x1 db0 -> ok", "MULTI x1 db0 -> ok");
            // each named after the node it was sent to first: the slot's owner before the move
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i).node()).as(seen.get(i).toString()).isEqualTo(owners.get(i - 1).hostAndPort());
            }
        }
    }
}
