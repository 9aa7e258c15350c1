package io.respkit.test;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class (or method) that needs a real Redis Sentinel deployment: tags it {@code sentinel}, so it runs
 * in the integration-test execution of redis-core ({@code mvn verify}, not the unit-test run), and registers
 * {@link RedisSentinelsExtension}, which resolves a {@link RedisSentinels} parameter to the
 * {@link RedisSentinels#shared()} group. Name such classes {@code *IntegrationTests}.
 *
 * <pre>{@code
 * @SentinelTest
 * class SentinelDiscoveryIntegrationTests {
 *     @Test void findsPrimary(RedisSentinels group) { ... group.sentinels() ... group.masterName() ... }
 *     @Test void followsFailover() { try (RedisSentinels own = RedisSentinels.start(2, 3)) { ... } }
 * }
 * }</pre>
 *
 * <p>An annotation: immutable and thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("sentinel")
@ExtendWith(RedisSentinelsExtension.class)
public @interface SentinelTest {
}
