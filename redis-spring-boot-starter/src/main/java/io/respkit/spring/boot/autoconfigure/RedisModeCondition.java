package io.respkit.spring.boot.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses between single-node, cluster and Sentinel mode. When the application (or a service connection) defines a
 * {@link RedisConnectionDetails} bean, its declared type decides: {@link RedisConnectionDetails.ClusterDetails}
 * selects cluster mode, {@link RedisConnectionDetails.SentinelDetails} Sentinel mode, any other single-node mode (the
 * bean does not exist yet when the mode is chosen, so its {@code cluster()} and {@code sentinel()} cannot be asked;
 * single-node mode refuses details whose shape turns out to be another). Without such a bean the properties decide:
 * cluster mode when {@code redis.cluster.nodes} has at least one non-blank entry, in any form Spring Boot binds a
 * list from ({@code a,b} or {@code nodes[0]=a}); else Sentinel mode when {@code redis.sentinel.master} is set; else
 * single-node mode. Exactly one mode matches, so exactly one set of beans is created; properties that contradict the
 * mode (both cluster nodes and a sentinel master, sentinel nodes without a master) are refused by that mode's beans
 * ({@link RedisPropertyChecks#connection(RedisProperties)}), with a failure analysis naming them.
 *
 * <p>Evaluated when beans are registered (the application's bean definitions are known by then, none is created).
 * Stateless and thread-safe.
 */
abstract class RedisModeCondition extends SpringBootCondition implements ConfigurationCondition {

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

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    /** A mode and why it was chosen. */
    private record Choice(Mode mode, String reason) {
    }

    private static Choice choose(ConditionContext context) {
        Choice byDetails = byDetails(context.getBeanFactory());
        if (byDetails != null) {
            return byDetails;
        }
        Mode mode = mode(context);
        return new Choice(mode, mode.reason);
    }

    /**
     * The mode the declared type of the application's {@link RedisConnectionDetails} bean selects: the primary one
     * when there are several (when none is primary, injecting the details fails later anyway).
     */
    private static Choice byDetails(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        for (String name : beanFactory.getBeanNamesForType(RedisConnectionDetails.class, true, false)) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && !PropertiesRedisConnectionDetails.class.isAssignableFrom(type)) {
                candidates.add(name);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        String chosen = candidates.get(0);
        for (String name : candidates) {
            if (beanFactory.containsBeanDefinition(name) && beanFactory.getBeanDefinition(name).isPrimary()) {
                chosen = name;
            }
        }
        Class<?> type = beanFactory.getType(chosen, false);
        if (RedisConnectionDetails.ClusterDetails.class.isAssignableFrom(type)) {
            return new Choice(Mode.CLUSTER, "the RedisConnectionDetails bean '" + chosen + "' is a ClusterDetails");
        }
        if (RedisConnectionDetails.SentinelDetails.class.isAssignableFrom(type)) {
            return new Choice(Mode.SENTINEL, "the RedisConnectionDetails bean '" + chosen + "' is a SentinelDetails");
        }
        return new Choice(Mode.SINGLE, "the RedisConnectionDetails bean '" + chosen + "' is neither a ClusterDetails "
                + "nor a SentinelDetails");
    }

    /**
     * The mode the properties alone select.
     *
     * @param context the condition context
     * @return the mode
     */
    private static Mode mode(ConditionContext context) {
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
        Choice actual = choose(context);
        String message = actual.mode().name().toLowerCase(Locale.ROOT) + " mode: " + actual.reason();
        return actual.mode() == mode ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    /** Matches in cluster mode: a ClusterDetails bean, or {@code redis.cluster.nodes} without a details bean. */
    static final class Cluster extends RedisModeCondition {
        Cluster() {
            super(Mode.CLUSTER);
        }
    }

    /** Matches in Sentinel mode: a SentinelDetails bean, or {@code redis.sentinel.master} without a details bean. */
    static final class Sentinel extends RedisModeCondition {
        Sentinel() {
            super(Mode.SENTINEL);
        }
    }

    /** Matches in single-node mode: any other details bean, or neither cluster nor Sentinel properties. */
    static final class SingleNode extends RedisModeCondition {
        SingleNode() {
            super(Mode.SINGLE);
        }
    }
}
