package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterConfig;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.CommandObserver.QueryText;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisException;
import io.respkit.test.QueryTextRecorder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One cluster call starts once, on the first node routed to (or the first seed), and ends once, whatever comes. */
class ClusterObservationTests {

    private static final ClusterConfig CONFIG = ClusterConfig.builder().seed("127.0.0.1", 7000)
            .seed("127.0.0.1", 7001).build();
    private static final HostAndPort NODE = new HostAndPort("127.0.0.1", 7002);
    private static final HostAndPort OTHER = new HostAndPort("127.0.0.1", 7003);

    /** Records "start NAME xN host:port/db", "ok" and "failed: message" in order. */
    private static final class Log implements CommandObserver {
        final List<String> events = new ArrayList<>();

        @Override
        public Call start(Operation op) {
            events.add("start " + op.name() + " x" + op.commands() + " " + op.host() + ":" + op.port() + "/"
                    + op.database());
            return new Call() {
                @Override
                public void succeeded() {
                    events.add("ok");
                }

                @Override
                public void failed(RuntimeException error) {
                    events.add("failed: " + error.getMessage());
                }
            };
        }
    }

    @Test
    void startsOnTheFirstNodeRoutedToAndEndsOnce() {
        Log log = new Log();
        ClusterObservation call = new ClusterObservation(log, "GET", 1, i -> null, CONFIG);
        assertThat(log.events).isEmpty(); // nothing before a node is chosen
        call.routedTo(NODE);
        call.routedTo(OTHER); // a redirect, or the next node of a fan-out: the same call
        call.succeeded();
        call.failed(new RedisException("late"));
        call.completed(null);
        assertThat(log.events).containsExactly("start GET x1 127.0.0.1:7002/0", "ok");
    }

    @Test
    void aCallEndedBeforeAnyNodeWasChosenNamesTheFirstSeedAndALateRouteStartsNothing() {
        Log log = new Log();
        ClusterObservation call = new ClusterObservation(log, "MGET", 1, i -> null, CONFIG);
        call.completed(new CancellationException("caller gave up")); // the caller cancelled before the worker routed
        call.routedTo(NODE);
        call.succeeded();
        assertThat(log.events).containsExactly("start MGET x1 127.0.0.1:7000/0", "failed: caller gave up");
    }

    @Test
    void observeReturnsTheResultOrRethrowsTheSameFailure() {
        Log log = new Log();
        ClusterObservation ok = new ClusterObservation(log, "PIPELINE", 3, i -> null, CONFIG);
        assertThat(ok.observe(() -> {
            ok.routedTo(NODE);
            return "done";
        })).isEqualTo("done");
        RedisException boom = new RedisException("boom");
        ClusterObservation failing = new ClusterObservation(log, "MULTI", 2, i -> null, CONFIG);
        assertThatThrownBy(() -> failing.observe(() -> {
            failing.routedTo(OTHER);
            throw boom;
        })).isSameAs(boom);
        assertThat(log.events).containsExactly("start PIPELINE x3 127.0.0.1:7002/0", "ok",
                "start MULTI x2 127.0.0.1:7003/0", "failed: boom");
    }

    @Test
    void anObserverThatThrowsOrReturnsNoCallIsIgnored() {
        CommandObserver throwing = op -> {
            throw new IllegalStateException("observer bug");
        };
        ClusterObservation call = new ClusterObservation(throwing, "GET", 1, i -> null, CONFIG);
        assertThat(call.observe(() -> {
            call.routedTo(NODE);
            return 42;
        })).isEqualTo(42);
        ClusterObservation none = new ClusterObservation(op -> null, "GET", 1, i -> null, CONFIG);
        none.routedTo(NODE);
        none.failed(new RedisException("x"));
    }

    /** The node configuration's password is the configured password of a cluster call's text, routed or not. */
    @Test
    void theQueryTextHidesTheNodeConfigurationsPassword() {
        ClusterConfig withPassword = CONFIG.toBuilder()
                .nodeConfig(RedisConfig.builder().password("n0de-pw").build()).build();
        QueryTextRecorder full = new QueryTextRecorder(QueryText.FULL, null);
        List<String> texts = full.texts();
        Command<Object> set = Command.create(StringCodec.UTF8, "SET", ReplyDecoders.raw()).key("k")
                .value("n0de-pw").arg("EX").arg(5);
        ClusterObservation routed = new ClusterObservation(full, "SET", 1, i -> set, withPassword);
        routed.routedTo(NODE);
        routed.succeeded();
        ClusterObservation unrouted = new ClusterObservation(full, "SET", 1, i -> set, withPassword);
        unrouted.failed(new RedisException("no node"));
        assertThat(texts).containsExactly("SET k ? EX 5", "SET k ? EX 5");
    }
}
