package io.respkit.spring.listener.config;

import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisMessageHandler;
import io.respkit.spring.listener.RedisStreamHandler;
import io.respkit.spring.listener.adapter.MessagingMethodInvoker;
import io.respkit.spring.listener.adapter.PayloadConverter;
import io.respkit.spring.listener.adapter.StreamMethodInvoker;

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
 * @param streamOptions what a stream listener consumes, or {@code null} for other kinds
 */
public record MethodRedisListenerEndpoint(String id, Object bean, Method method, List<String> channels,
        List<String> patterns, String queue, Boolean autoStartup, Integer concurrency, String errorHandler,
        boolean reliable, String deadLetterQueue, Integer maxAttempts, Integer batchSize, String containerFactory,
        StreamOptions streamOptions) implements RedisListenerEndpoint {

    /**
     * The settings of a stream listener, placeholders resolved; empty strings count as not set.
     *
     * <p>Immutable and thread-safe.
     *
     * @param stream the stream's key
     * @param group the consumer group
     * @param consumer the consumer name, or {@code null} for the engine's default
     * @param startId where a new group starts ({@code $}, {@code 0} or an id), or {@code null} for the default
     * @param deadLetterStream the dead-letter stream, or {@code null} for {@code <stream>:dead}
     * @param payloadField the payload's field, or {@code null} for {@code payload} or an entry's only field
     */
    public record StreamOptions(String stream, String group, String consumer, String startId,
            String deadLetterStream, String payloadField) {

        /** Turns empty strings into {@code null}. */
        public StreamOptions {
            stream = emptyToNull(stream);
            group = emptyToNull(group);
            consumer = emptyToNull(consumer);
            startId = emptyToNull(startId);
            deadLetterStream = emptyToNull(deadLetterStream);
            payloadField = emptyToNull(payloadField);
        }

        boolean isEmpty() {
            return stream == null && group == null && consumer == null && startId == null && deadLetterStream == null
                    && payloadField == null;
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

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
        streamOptions = streamOptions == null || streamOptions.isEmpty() ? null : streamOptions;
        String stream = streamOptions == null ? null : streamOptions.stream();
        String where = "@RedisListener on " + MessagingMethodInvoker.describe(method);
        int kinds = (channels.isEmpty() ? 0 : 1) + (patterns.isEmpty() ? 0 : 1) + (queue == null ? 0 : 1)
                + (stream == null ? 0 : 1);
        if (kinds != 1) {
            throw new RedisListenerDefinitionException(where + " must set exactly one of 'channels', 'patterns', "
                    + "'queue' or 'stream'" + (kinds == 0 ? ", but sets none (or they resolved to empty)"
                            : ", but sets " + String.join(" and ", setKinds(channels, patterns, queue, stream))),
                    kinds == 0 ? "Add channels = \"...\" (SUBSCRIBE), patterns = \"...\" (PSUBSCRIBE), queue = "
                            + "\"...\" (a list to pop from) or stream = \"...\" with group = \"...\" (a consumer "
                            + "group) to the annotation; if the value is a placeholder, define the property it "
                            + "names."
                            : "Keep one of them: to listen to channels and a queue, use separate @RedisListener "
                            + "annotations (the annotation is repeatable) or separate methods.");
        }
        for (String name : channels) {
            requireName(where, "channel", name);
        }
        for (String name : patterns) {
            requireName(where, "pattern", name);
        }
        if (streamOptions != null) {
            checkStream(where, streamOptions, reliable, deadLetterQueue);
        }
        if (queue == null && stream == null && (reliable || concurrency != null || deadLetterQueue != null
                || maxAttempts != null || batchSize != null)) {
            throw new RedisListenerDefinitionException(where + " sets 'reliable', 'concurrency', "
                    + "'deadLetterQueue', 'maxAttempts' or 'batchSize', which only apply to queue listeners",
                    "Remove those attributes from this channel or pattern listener, or make it a queue listener "
                            + "(queue = \"...\"): pub/sub messages arrive on one subscriber connection, one at "
                            + "a time, and are not retried.");
        }
        if (stream == null && !reliable && (deadLetterQueue != null || maxAttempts != null)) {
            throw new RedisListenerDefinitionException(where + " sets 'deadLetterQueue' or 'maxAttempts', which "
                    + "need 'reliable = true'", "Add reliable = true to the annotation (at-least-once delivery "
                    + "with retries and a dead-letter list), or remove 'deadLetterQueue' and 'maxAttempts'.");
        }
        atLeastOne(where, id, "concurrency", concurrency, "redis.listener.concurrency");
        atLeastOne(where, id, "maxAttempts", maxAttempts, stream != null ? "redis.listener.stream.max-attempts"
                : "redis.listener.retry.attempts");
        atLeastOne(where, id, "batchSize", batchSize, stream != null ? "redis.listener.stream.batch-size"
                : "redis.listener.batch-size");
    }

    /**
     * Describes a listener of any kind but streams.
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
     * @param containerFactory bean name of the container factory, or {@code null} for the default of the kind
     * @throws RedisListenerDefinitionException as the canonical constructor
     * @throws NullPointerException when id, bean or method is null
     */
    public MethodRedisListenerEndpoint(String id, Object bean, Method method, List<String> channels,
            List<String> patterns, String queue, Boolean autoStartup, Integer concurrency, String errorHandler,
            boolean reliable, String deadLetterQueue, Integer maxAttempts, Integer batchSize,
            String containerFactory) {
        this(id, bean, method, channels, patterns, queue, autoStartup, concurrency, errorHandler, reliable,
                deadLetterQueue, maxAttempts, batchSize, containerFactory, null);
    }

    private static void checkStream(String where, StreamOptions options, boolean reliable, String deadLetterQueue) {
        if (options.stream() == null) {
            throw new RedisListenerDefinitionException(where + " sets 'group', 'consumer', 'startId', "
                    + "'deadLetterStream' or 'payloadField', which only apply to stream listeners", "Add stream = "
                    + "\"...\" to make it a stream listener, or remove those attributes.");
        }
        if (options.group() == null) {
            throw new RedisListenerDefinitionException(where + " listens to stream '" + options.stream()
                    + "' but names no consumer group", "Add group = \"...\" (created when missing): listeners "
                    + "sharing a group share the entries, each group gets every entry.");
        }
        requireName(where, "stream", options.stream());
        requireName(where, "group", options.group());
        if (reliable || deadLetterQueue != null) {
            throw new RedisListenerDefinitionException(where + " sets 'reliable' or 'deadLetterQueue' on stream "
                    + "listener '" + options.stream() + "'", "Remove them: stream listeners are always at least "
                    + "once, and their dead letters go to deadLetterStream (default <stream>:dead).");
        }
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
                deadLetterQueue, maxAttempts, batchSize, null, null);
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
                deadLetterQueue, maxAttempts, null, null, null);
    }

    private static List<String> setKinds(List<String> channels, List<String> patterns, String queue,
            String stream) {
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
        if (stream != null) {
            set.add("'stream'");
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
        if (streamOptions != null) {
            return Kind.STREAM;
        }
        return queue != null ? Kind.QUEUE : channels.isEmpty() ? Kind.PATTERNS : Kind.CHANNELS;
    }

    /**
     * Builds the invoker of a stream listener's method.
     *
     * @param converter converts JSON payloads, or {@code null} when none is available
     * @param charset the client's charset, to encode {@code byte[]} payloads and JSON
     * @return a {@link StreamMethodInvoker}
     * @throws RedisListenerDefinitionException naming the method when a parameter cannot be supplied
     */
    @Override
    public RedisStreamHandler createStreamHandler(PayloadConverter converter, Charset charset) {
        return new StreamMethodInvoker(id, bean, method, converter, charset, payloadField());
    }

    @Override
    public String stream() {
        return streamOptions == null ? null : streamOptions.stream();
    }

    @Override
    public String group() {
        return streamOptions == null ? null : streamOptions.group();
    }

    @Override
    public String consumer() {
        return streamOptions == null ? null : streamOptions.consumer();
    }

    @Override
    public String startId() {
        return streamOptions == null ? null : streamOptions.startId();
    }

    @Override
    public String deadLetterStream() {
        return streamOptions == null ? null : streamOptions.deadLetterStream();
    }

    @Override
    public String payloadField() {
        return streamOptions == null ? null : streamOptions.payloadField();
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
