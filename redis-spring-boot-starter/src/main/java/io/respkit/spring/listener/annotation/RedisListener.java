package io.respkit.spring.listener.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a Redis listener: it is called for every message published to {@link #channels()}
 * ({@code SUBSCRIBE}), to a channel matching {@link #patterns()} ({@code PSUBSCRIBE}), for every item popped
 * from the list {@link #queue()}, or for every entry of the stream {@link #stream()} read as a member of the
 * consumer group {@link #group()}. Exactly one of the four must be set; a method breaking that rule fails the
 * application context at startup with an error naming the method.
 *
 * <p>Every name and every String attribute may hold {@code ${...}} placeholders and {@code #{...}} SpEL
 * expressions. Method parameters may be the payload ({@code String}, {@code byte[]} or any type read from JSON),
 * a {@code String} annotated with {@link Channel} or {@link Pattern}, or an
 * {@link io.respkit.spring.listener.RedisMessage} carrying everything.
 *
 * <pre>{@code
 * @RedisListener(channels = "orders.created")
 * void onOrder(Order order, @Channel String channel) { ... }
 *
 * @RedisListener(queue = "${app.jobs}", concurrency = "4", reliable = true)
 * void onJob(RedisMessage<Job> job) { ... }
 *
 * @RedisListener(queue = "events", batchSize = "100")
 * void onEvent(String event) { ... }
 *
 * @RedisListener(stream = "orders", group = "billing", concurrency = "2")
 * void onOrderEntry(Order order) { ... }                  // the entry's "payload" field, from JSON
 *
 * @RedisListener(stream = "clicks", group = "stats", batchSize = "100")
 * void onClicks(List<Map<String, String>> entries) { ... } // batches of up to 100 entries
 * }</pre>
 *
 * <p>Queue delivery: by default items are taken with {@code BRPOP} and an item whose handler throws is lost
 * (after the error handler saw it) — at-most-once. With {@link #reliable()} items are moved to a per-consumer
 * processing list with {@code BLMOVE}, retried, dead-lettered after {@link #maxAttempts()} and recovered after a
 * crash — at-least-once, so handlers should be idempotent.
 *
 * <p>An annotation is immutable and thread-safe.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RedisListeners.class)
public @interface RedisListener {

    /**
     * The listener id, unique in the application; also names the listener's container in
     * {@code RedisListenerEndpointRegistry}, its metrics tag and part of reliable consumer ids. Defaults to
     * {@code <beanName>.<methodName>} (with {@code #n} for the n-th further annotation on the same method), which
     * is stable across restarts.
     *
     * @return the id, or empty for the default
     */
    String id() default "";

    /**
     * Channels to subscribe to by name ({@code SUBSCRIBE}).
     *
     * @return the channels
     */
    String[] channels() default {};

    /**
     * Glob-style channel patterns to subscribe to ({@code PSUBSCRIBE}), e.g. {@code "orders.*"}.
     *
     * @return the patterns
     */
    String[] patterns() default {};

    /**
     * The list to consume items from; producers {@code LPUSH}, consumers pop from the right, so items are
     * consumed first in, first out.
     *
     * @return the queue key, or empty
     */
    String queue() default "";

    /**
     * The Redis stream to consume as a member of the consumer group {@link #group()} ({@code XREADGROUP}):
     * at-least-once, with retries, dead letters and claims of entries left by consumers that are gone (see
     * {@code docs/streams.md}). Method parameters may then be the fields as {@code Map<String, String>}, an
     * {@link io.respkit.stream.StreamMessage StreamMessage&lt;String&gt;}, the payload field as {@code String} or
     * converted from JSON to any other type (see {@link #payloadField()}), a {@code @Channel String} (the stream's
     * key), or, for batches, a single {@code List} of one of the first three.
     *
     * @return the stream's key, or empty
     */
    String stream() default "";

    /**
     * Stream listeners only (required): the consumer group, created when missing ({@code XGROUP CREATE ...
     * MKSTREAM}, starting at {@link #startId()}).
     *
     * @return the group, or empty
     */
    String group() default "";

    /**
     * Stream listeners only: the consumer name; with a concurrency above 1 the workers are {@code <consumer>-1}
     * to {@code <consumer>-n}. Defaults to a name stable for this process ({@code <host>-<pid>-<n>}); set a name
     * that survives restarts (e.g. {@code ${HOSTNAME}}) to have a restarted instance take up its own pending
     * entries at once instead of after {@code redis.listener.stream.claim-idle}.
     *
     * @return the name, or empty for the default
     */
    String consumer() default "";

    /**
     * Stream listeners only: where a group created by this listener starts, {@code $} (only entries added from
     * now on) or {@code 0} (every entry in the stream), or an entry id. An existing group keeps its position.
     * Defaults to {@code redis.listener.stream.start-id} ({@code $}).
     *
     * @return the start id, or empty for the default
     */
    String startId() default "";

    /**
     * Stream listeners only: the stream entries go to after their last failed attempt. Defaults to
     * {@code <stream>:dead}.
     *
     * @return the dead-letter stream, or empty for the default
     */
    String deadLetterStream() default "";

    /**
     * Stream listeners only: the field whose value is the payload, handed to a {@code String} parameter as is and
     * converted from JSON for any other type. When empty: the field {@code payload}, or the only field of an entry
     * that has exactly one; an entry that has neither fails (and is retried, then dead-lettered).
     *
     * @return the field's name, or empty for the default rule
     */
    String payloadField() default "";

    /**
     * Whether the listener starts with the application context: {@code "true"}, {@code "false"} or a
     * placeholder. Defaults to {@code redis.listener.auto-startup}.
     *
     * @return the flag, or empty for the default
     */
    String autoStartup() default "";

    /**
     * Queue and stream listeners only: number of workers, each with its own connection. Defaults to
     * {@code redis.listener.concurrency}.
     *
     * @return the number, or empty for the default
     */
    String concurrency() default "";

    /**
     * Bean name of a {@link io.respkit.spring.listener.RedisListenerErrorHandler} for this listener; defaults to
     * the context's default error handler, which logs.
     *
     * @return the bean name, or empty
     */
    String errorHandler() default "";

    /**
     * Queue listeners only: whether items survive handler failures and crashes (processing list, retries,
     * dead-letter list, recovery), see the type documentation.
     *
     * @return {@code true} for at-least-once delivery
     */
    boolean reliable() default false;

    /**
     * Reliable queue listeners only: the list failed items are pushed to. Defaults to {@code <queue>:dead}.
     *
     * @return the dead-letter list, or empty for the default
     */
    String deadLetterQueue() default "";

    /**
     * Reliable queue and stream listeners only: total delivery attempts per item, the first included. Defaults to
     * {@code redis.listener.retry.attempts} for queues and {@code redis.listener.stream.max-attempts} for
     * streams.
     *
     * @return the number, or empty for the default
     */
    String maxAttempts() default "";

    /**
     * Stream listeners: the most entries one read returns ({@code XREADGROUP ... COUNT n}), and the largest batch
     * handed to a method taking a {@code List}; defaults to {@code redis.listener.stream.batch-size} (10).
     *
     * <p>Queue listeners: the most items a worker takes from the queue per round trip ({@code BLMPOP ... COUNT
     * n} in plain mode; {@code BLMOVE} plus pipelined {@code LMOVE}s in reliable mode). The method is still called
     * once per item, in queue order. Must be at least 1; defaults to {@code redis.listener.batch-size} (1: one
     * item per round trip). See {@link io.respkit.spring.listener.QueueListenerContainer} for the semantics.
     *
     * @return the number, or empty for the default
     */
    String batchSize() default "";

    /**
     * Bean name of the {@link io.respkit.spring.listener.config.RedisListenerContainerFactory} that builds this
     * listener's container. Defaults to the factory of the listener's kind:
     * {@code redisPubSubListenerContainerFactory} for channels and patterns, {@code redisQueueListenerContainerFactory}
     * for queues, {@code redisStreamListenerContainerFactory} for streams (all defined by the auto-configuration
     * unless the application defines beans of those names). A
     * name with no bean behind it, or a factory that does not serve the listener's kind, fails the startup with an
     * error naming the method and the factory.
     *
     * @return the bean name, or empty for the default
     */
    String containerFactory() default "";
}
