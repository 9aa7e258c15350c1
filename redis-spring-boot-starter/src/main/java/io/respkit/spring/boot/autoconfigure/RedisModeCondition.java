package io.respkit.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.util.List;

/**
 * Chooses between single-node and cluster mode: cluster mode is on when {@code redis.cluster.nodes} has at least one
 * non-blank entry, in any form Spring Boot binds a list from ({@code a,b} or {@code nodes[0]=a}).
 *
 * <p>Stateless and thread-safe.
 */
abstract class RedisModeCondition extends SpringBootCondition {

    private final boolean cluster;

    RedisModeCondition(boolean cluster) {
        this.cluster = cluster;
    }

    static boolean clusterNodesSet(ConditionContext context) {
        List<String> nodes = Binder.get(context.getEnvironment())
                .bind("redis.cluster.nodes", Bindable.listOf(String.class)).orElse(List.of());
        return nodes.stream().anyMatch(StringUtils::hasText);
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean set = clusterNodesSet(context);
        String message = set ? "redis.cluster.nodes is set" : "redis.cluster.nodes is not set";
        return set == cluster ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    /** Matches when {@code redis.cluster.nodes} is set. */
    static final class Cluster extends RedisModeCondition {
        Cluster() {
            super(true);
        }
    }

    /** Matches when {@code redis.cluster.nodes} is not set. */
    static final class SingleNode extends RedisModeCondition {
        SingleNode() {
            super(false);
        }
    }
}
