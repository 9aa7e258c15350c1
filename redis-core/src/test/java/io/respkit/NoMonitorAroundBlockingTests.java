package io.respkit;

import io.respkit.test.MonitorScan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) of the rule that keeps respkit usable from virtual threads on JDK 21–23: no
 * {@code synchronized} block or method of redis-core's main code surrounds blocking I/O or a wait, since a virtual
 * thread blocking while it holds a monitor pins its carrier (JDK 24 lifted that, JEP 491, so a run on a newer JDK
 * cannot show it: this source scan is the guard that fails). Blocking sections use {@code ReentrantLock} and
 * {@code Condition}. Every monitor that stays is listed below with why it guards memory only; {@link MonitorScan}
 * fails on one that is not, on a listed one that gained a blocking call, and on a stale entry.
 */
class NoMonitorAroundBlockingTests {

    /** The reviewed monitors of redis-core: {@code file#lock} to why nothing in it blocks. */
    static final Map<String, String> MEMORY_ONLY = Map.of(
            "io/respkit/stream/StreamWorker.java#lock",
            "the worker's phase, connection field and stop flag; the connection is closed after the block",
            "io/respkit/internal/multiplex/MultiplexedConnection.java#this",
            "records the first failure; the socket is closed and the commands failed after the block",
            "io/respkit/internal/cluster/NodeChannel.java#this",
            "creates the lazy multiplexer object (it opens nothing until its first command); closed after the block",
            "io/respkit/internal/cluster/NotSentException.java#getCause()",
            "overrides Throwable's synchronized getCause: returns a field",
            "io/respkit/internal/cluster/TopologyManager.java#lock",
            "refresh flags and the pending future; scheduling a refresh only queues a task",
            "io/respkit/internal/WorkerCall.java#this",
            "the worker thread and its finished flag, so that a give-up interrupts only a worker still running it",
            "io/respkit/internal/WorkerCall.java#giveUp()",
            "interrupts the worker if it still runs the command: Thread.interrupt does not block",
            "io/respkit/internal/cluster/ClusterObservation.java#routedTo()",
            "starts the observed call once (routing and a give-up may race): no I/O; the CommandObserver's start runs "
                    + "in it, which, like every observer callback on the caller's thread, must not block",
            "io/respkit/internal/cluster/ClusterObservation.java#end()",
            "marks the call ended once, starting it on the first seed if never routed: as routedTo()");

    @Test
    void noMonitorInRedisCoreSurroundsBlockingIo() throws Exception {
        List<String> problems = MonitorScan.check(Path.of("src/main/java"), MEMORY_ONLY);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theScanFindsBlocksMethodsAndTheBlockingCallsInThemButNotInCommentsOrStrings() {
        String source = """
                class A {
                    private final Object lock = new Object();
                    // synchronized (fake) { in a comment }
                    String s = "synchronized (fake) { wait(); }";
                    synchronized void m(int a) { counter++; }
                    void n() throws Exception {
                        synchronized (lock) {
                            channel.write(cmd); /* socket.close() */
                            lock.wait(10);
                        }
                        synchronized (this) { done = true; }
                    }
                }
                """;
        List<MonitorScan.Site> sites = MonitorScan.scanSource("A.java", source);
        assertThat(sites).extracting(MonitorScan.Site::lock).containsExactly("m()", "lock", "this");
        assertThat(sites.get(0).blockingCalls()).isEmpty();
        assertThat(sites.get(1).blockingCalls()).containsExactly(".write(", "wait(");
        assertThat(sites.get(1).line()).isEqualTo(7);
        assertThat(sites.get(2).blockingCalls()).isEmpty();
    }
}
