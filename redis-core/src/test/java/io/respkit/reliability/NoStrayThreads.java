package io.respkit.reliability;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fails a test that leaves a respkit, fault-proxy or server-faults thread running which was not running before it
 * started (threads other test classes may have left are not this test's concern).
 *
 * <p>Thread-safe.
 */
final class NoStrayThreads implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoStrayThreads.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", new HashSet<>(Leaks.faultThreadSet()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Set<Thread> before = (Set<Thread>) context.getStore(NS).remove("before");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> stray = Leaks.faultThreadSet().stream().filter(t -> !before.contains(t))
                    .map(Thread::getName).toList();
            assertThat(stray).as("threads left running by the test").isEmpty();
        });
    }
}
