package io.respkit.spring.listener.config;

import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisMessageHandler;
import io.respkit.spring.listener.adapter.MessagingMethodInvoker;
import io.respkit.spring.listener.adapter.PayloadConverter;

import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * The description of one {@code @RedisListener}: a bean method and what it listens to, with placeholders already
 * resolved. Settings left {@code null} take the container factory's defaults ({@code redis.listener.*}). The
 * annotation post-processor builds these; {@link RedisListenerEndpointRegistry} has the
 * {@linkplain #containerFactory() container factory} turn them into containers, whose handler is a
 * {@link MessagingMethodInvoker} around the method.
 *
 * <p>Immutable and thread-safe (the bean itself is whatever it is).
 *
 * @param id the listener id, unique in the application
 * @param bean the bean
 * @param method the method to invoke, invocable on {@code bean} (for proxies, the proxy's method)
 * @param channels channels to subscribe to by name
 * @param patterns patterns to subscribe to
 * @param queue the list to consume, or {@code null}
 * @param autoStartup whether to start with the context, or {@code null} for the default
 * @param concurrency queue workers, or {@code null} for the default
 * @param errorHandler bean name of the error handler, or {@code null} for the default
 * @param reliable whether queue consumption is reliable
 * @param deadLetterQueue the dead-letter list, or {@code null} for {@code <queue>:dead}
 * @param maxAttempts total attempts for reliable queues, or {@code null} for the default
 * @param batchSize most queue items a worker takes per round trip, or {@code null} for the default
 * @param containerFactory bean name of the container factory, or {@code null} for the default of the kind
 */
public record MethodRedisListenerEndpoint(String id, Object bean, Method method, List<String> channels,
        List<String> patterns, String queue, Boolean autoStartup, Integer concurrency, String errorHandler,
        boolean reliable, String deadLetterQueue, Integer maxAttempts, Integer batchSize, String containerFactory)
        implements RedisListenerEndpoint {

    /**
     * Validates the description.
     *
     * @throws RedisListenerDefinitionException naming the method when not exactly one of channels, patterns and
     *         queue is set, when queue-only settings are used on a pub/sub listener, or when a number is below 1
     * @throws NullPointerException when id, bean or method is null
     */
    public MethodRedisListenerEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bean, "bean");
        Objects.requireNonNull(method, "method");
        channels = List.copyOf(channels == null ? List.of() : channels);
        patterns = List.copyOf(patterns == null ? List.of() : patterns);
        queue = queue == null || queue.isEmpty() ? null : queue;
        deadLetterQueue = deadLetterQueue == null || deadLetterQueue.isEmpty() ? null : deadLetterQueue;
        errorHandler = errorHandler == null || errorHandler.isEmpty() ? null : errorHandler;
        containerFactory = containerFactory == null || containerFactory.isEmpty() ? null : containerFactory;
        String where = "@RedisListener on " + MessagingMethodInvoker.describe(method);
        int kinds = (channels.isEmpty() ? 0 : 1) + (patterns.isEmpty() ? 0 : 1) + (queue == null ? 0 : 1);
        if (kinds != 1) {
            throw new RedisListenerDefinitionException(where + " must set exactly one of 'channels', 'patterns' or "
                    + "'queue'" + (kinds == 0 ? ", but sets none (or they resolved to empty)"
                            : ", but sets " + String.join(" and ", setKinds(channels, patterns, queue))),
                    kinds == 0 ? "Add channels = \"...\" (SUBSCRIBE), patterns = \"...\" (PSUBSCRIBE) or queue = "
                            + "\"...\" (a list to pop from) to the annotation; if the value is a placeholder, "
                            + "define the property it names."
                            : "Keep one of them: to listen to channels and a queue, use separate @RedisListener "
                            + "annotations (the annotation is repeatable) or separate methods.");
        }
        for (String name : channels) {
            requireName(where, "channel", name);
        }
        for (String name : patterns) {
            requireName(where, "pattern", name);
        }
        if (queue == null && (reliable || concurrency != null || deadLetterQueue != null || maxAttempts != null
                || batchSize != null)) {
            throw new RedisListenerDefinitionException(where + " sets 'reliable', 'concurrency', "
                    + "'deadLetterQueue', 'maxAttempts' or 'batchSize', which only apply to queue listeners",
                    "Remove those attributes from this channel or pattern listener, or make it a queue listener "
                            + "(queue = \"...\"): pub/sub messages arrive on one subscriber connection, one at "
                            + "a time, and are not retried.");
        }
        if (!reliable && (deadLetterQueue != null || maxAttempts != null)) {
            throw new RedisListenerDefinitionException(where + " sets 'deadLetterQueue' or 'maxAttempts', which "
                    + "need 'reliable = true'", "Add reliable = true to the annotation (at-least-once delivery "
                    + "with retries and a dead-letter list), or remove 'deadLetterQueue' and 'maxAttempts'.");
        }
        atLeastOne(where, id, "concurrency", concurrency, "redis.listener.concurrency");
        atLeastOne(where, id, "maxAttempts", maxAttempts, "redis.listener.retry.attempts");
        atLeastOne(where, id, "batchSize", batchSize, "redis.listener.batch-size");
    }

    /**
     * Describes a listener that uses the default container factory of its kind.
     *
     * @param id the listener id, unique in the application
     * @param bean the bean
     * @param method the method to invoke
     * @param channels channels to subscribe to by name
     * @param patterns patterns to subscribe to
     * @param queue the list to consume, or {@code null}
     * @param autoStartup whether to start with the context, or {@code null} for the default
     * @param concurrency queue workers, or {@code null} for the default
     * @param errorHandler bean name of the error handler, or {@code null} for the default
     * @param reliable whether queue consumption is reliable
     * @param deadLetterQueue the dead-letter list, or {@code null} for {@code <queue>:dead}
     * @param maxAttempts total attempts for reliable queues, or {@code null} for the default
     * @param batchSize most queue items a worker takes per round trip, or {@code null} for the default
     * @throws RedisListenerDefinitionException as the canonical constructor
     * @throws NullPointerException when id, bean or method is null
     */
    public MethodRedisListenerEndpoint(String id, Object bean, Method method, List<String> channels,
            List<String> patterns, String queue, Boolean autoStartup, Integer concurrency, String errorHandler,
            boolean reliable, String deadLetterQueue, Integer maxAttempts, Integer batchSize) {
        this(id, bean, method, channels, patterns, queue, autoStartup, concurrency, errorHandler, reliable,
                deadLetterQueue, maxAttempts, batchSize, null);
    }

    /**
     * Describes a listener that takes the default batch size.
     *
     * @param id the listener id, unique in the application
     * @param bean the bean
     * @param method the method to invoke
     * @param channels channels to subscribe to by name
     * @param patterns patterns to subscribe to
     * @param queue the list to consume, or {@code null}
     * @param autoStartup whether to start with the context, or {@code null} for the default
     * @param concurrency queue workers, or {@code null} for the default
     * @param errorHandler bean name of the error handler, or {@code null} for the default
     * @param reliable whether queue consumption is reliable
     * @param deadLetterQueue the dead-letter list, or {@code null} for {@code <queue>:dead}
     * @param maxAttempts total attempts for reliable queues, or {@code null} for the default
     * @throws RedisListenerDefinitionException as the canonical constructor
     * @throws NullPointerException when id, bean or method is null
     */
    public MethodRedisListenerEndpoint(String id, Object bean, Method method, List<String> channels,
            List<String> patterns, String queue, Boolean autoStartup, Integer concurrency, String errorHandler,
            boolean reliable, String deadLetterQueue, Integer maxAttempts) {
        this(id, bean, method, channels, patterns, queue, autoStartup, concurrency, errorHandler, reliable,
                deadLetterQueue, maxAttempts, null, null);
    }

    private static List<String> setKinds(List<String> channels, List<String> patterns, String queue) {
        java.util.ArrayList<String> set = new java.util.ArrayList<>();
        if (!channels.isEmpty()) {
            set.add("'channels'");
        }
        if (!patterns.isEmpty()) {
            set.add("'patterns'");
        }
        if (queue != null) {
            set.add("'queue'");
        }
        return set;
    }

    private static void requireName(String where, String what, String name) {
        if (name == null || name.isBlank()) {
            throw new RedisListenerDefinitionException(where + " has a blank " + what + " name",
                    "Remove the blank " + what + " name, or define the property its placeholder names.");
        }
    }

    private static void atLeastOne(String where, String id, String attribute, Integer value, String property) {
        if (value != null && value < 1) {
            throw new RedisListenerDefinitionException(where + " (listener '" + id + "') has " + attribute + " = "
                    + value + ", but it must be at least 1", "Set " + attribute + " to a whole number of at least "
                    + "1, or leave it empty to use " + property + ".");
        }
    }

    /**
     * Returns what the endpoint listens to: the one of channels, patterns and queue that is set.
     *
     * @return the kind
     */
    @Override
    public Kind kind() {
        return queue != null ? Kind.QUEUE : channels.isEmpty() ? Kind.PATTERNS : Kind.CHANNELS;
    }

    /**
     * Builds the invoker of the method.
     *
     * @param converter converts JSON payloads, or {@code null} when none is available
     * @param charset decodes {@code String} payloads
     * @return a {@link MessagingMethodInvoker}
     * @throws RedisListenerDefinitionException naming the method when a parameter cannot be supplied
     */
    @Override
    public RedisMessageHandler createMessageHandler(PayloadConverter converter, Charset charset) {
        return new MessagingMethodInvoker(id, bean, method, converter, charset);
    }

    /**
     * Names the method, for error messages.
     *
     * @return e.g. {@code com.example.Orders.onOrder(Order)}
     */
    @Override
    public String describe() {
        return MessagingMethodInvoker.describe(method);
    }

    /**
     * Describes the endpoint without the bean.
     *
     * @return e.g. {@code MethodRedisListenerEndpoint[orders.onOrder, QUEUE]}
     */
    @Override
    public String toString() {
        return "MethodRedisListenerEndpoint[" + id + ", " + kind() + ", " + MessagingMethodInvoker.describe(method)
                + "]";
    }
}
