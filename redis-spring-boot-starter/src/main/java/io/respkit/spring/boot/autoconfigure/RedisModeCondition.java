package io.respkit.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.util.List;
import java.util.Locale;

/**
 * Chooses between single-node, cluster and Sentinel mode. Cluster mode is on when {@code redis.cluster.nodes} has at
 * least one non-blank entry, in any form Spring Boot binds a list from ({@code a,b} or {@code nodes[0]=a}); else
 * Sentinel mode when {@code redis.sentinel.master} is set; else single-node mode. Exactly one mode matches, so
 * exactly one set of beans is created; properties that contradict the mode (both cluster nodes and a sentinel
 * master, sentinel nodes without a master) are refused by that mode's beans
 * ({@link RedisPropertyChecks#connection(RedisProperties)}), with a failure analysis naming them.
 *
 * <p>Stateless and thread-safe.
 */
abstract class RedisModeCondition extends SpringBootCondition {

    /** How the starter connects. */
    enum Mode {
        /** One server: {@code redis.url} or {@code redis.host}/{@code redis.port}. */
        SINGLE("neither redis.cluster.nodes nor redis.sentinel.master is set"),
        /** A Redis Cluster: {@code redis.cluster.nodes}. */
        CLUSTER("redis.cluster.nodes is set"),
        /** The primary a Redis Sentinel setup names: {@code redis.sentinel.master}. */
        SENTINEL("redis.sentinel.master is set and redis.cluster.nodes is not");

        private final String reason;

        Mode(String reason) {
            this.reason = reason;
        }
    }

    private final Mode mode;

    RedisModeCondition(Mode mode) {
        this.mode = mode;
    }

    static Mode mode(ConditionContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        List<String> nodes = binder.bind("redis.cluster.nodes", Bindable.listOf(String.class)).orElse(List.of());
        if (nodes.stream().anyMatch(StringUtils::hasText)) {
            return Mode.CLUSTER;
        }
        String master = binder.bind("redis.sentinel.master", String.class).orElse(null);
        return StringUtils.hasText(master) ? Mode.SENTINEL : Mode.SINGLE;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Mode actual = mode(context);
        String message = actual.name().toLowerCase(Locale.ROOT) + " mode: " + actual.reason;
        return actual == mode ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    /** Matches when {@code redis.cluster.nodes} is set. */
    static final class Cluster extends RedisModeCondition {
        Cluster() {
            super(Mode.CLUSTER);
        }
    }

    /** Matches when {@code redis.sentinel.master} is set and {@code redis.cluster.nodes} is not. */
    static final class Sentinel extends RedisModeCondition {
        Sentinel() {
            super(Mode.SENTINEL);
        }
    }

    /** Matches when neither {@code redis.cluster.nodes} nor {@code redis.sentinel.master} is set. */
    static final class SingleNode extends RedisModeCondition {
        SingleNode() {
            super(Mode.SINGLE);
        }
    }
}
