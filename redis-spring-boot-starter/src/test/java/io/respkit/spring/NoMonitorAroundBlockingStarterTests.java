package io.respkit.spring;

import io.respkit.test.MonitorScan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) of the starter's half of the rule redis-core's {@code NoMonitorAroundBlockingTests} keeps:
 * no {@code synchronized} block or method of the starter's main code surrounds blocking I/O or a wait. Listener
 * threads may be virtual ({@code redis.listener.virtual-threads}), and on JDK 21–23 a virtual thread blocking while
 * it holds a monitor pins its carrier; JDK 24 lifted that (JEP 491), so this source scan is the guard. Every monitor
 * that stays is listed with why it guards memory only.
 */
class NoMonitorAroundBlockingStarterTests {

    /** The reviewed monitors of the starter: {@code file#lock} to why nothing in it blocks. */
    static final Map<String, String> MEMORY_ONLY = Map.of(
            "io/respkit/spring/listener/annotation/RedisListenerAnnotationBeanPostProcessor.java#pending",
            "hands the endpoints found before the registry exists over once; registering them is after the block",
            "io/respkit/spring/listener/config/RedisListenerEndpointRegistry.java#containers",
            "the id-to-endpoint and id-to-container maps; creating a container connects nothing (a container "
                    + "connects when started, after the block)");

    @Test
    void noMonitorInTheStarterSurroundsBlockingIo() throws Exception {
        List<String> problems = MonitorScan.check(Path.of("src/main/java"), MEMORY_ONLY);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
