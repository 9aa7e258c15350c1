package io.respkit.test;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class (or method) that needs a real Redis Cluster: tags it {@code cluster}, so it runs in its own
 * test execution of redis-core ({@code mvn verify}, not the unit-test run), and registers
 * {@link RedisClusterExtension}, which resolves a {@link RedisCluster} parameter to the {@link RedisCluster#shared()}
 * cluster. Name such classes {@code *IntegrationTests}.
 *
 * <pre>{@code
 * @ClusterTest
 * class RoutingIntegrationTests {
 *     @Test void routes(RedisCluster cluster) { ... cluster.seeds() ... }
 *     @Test void survivesFailover() { try (RedisCluster own = RedisCluster.start(3, 1)) { ... } }
 * }
 * }</pre>
 *
 * <p>An annotation: immutable and thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("cluster")
@ExtendWith(RedisClusterExtension.class)
public @interface ClusterTest {
}
