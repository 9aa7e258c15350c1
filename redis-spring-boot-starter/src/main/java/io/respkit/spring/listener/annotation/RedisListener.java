package io.respkit.spring.listener.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a Redis listener: it is called for every message published to {@link #channels()}
 * ({@code SUBSCRIBE}), to a channel matching {@link #patterns()} ({@code PSUBSCRIBE}), or for every item popped
 * from the list {@link #queue()}. Exactly one of the three must be set; a method breaking that rule fails the
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
     * Whether the listener starts with the application context: {@code "true"}, {@code "false"} or a
     * placeholder. Defaults to {@code redis.listener.auto-startup}.
     *
     * @return the flag, or empty for the default
     */
    String autoStartup() default "";

    /**
     * Queue listeners only: number of workers, each with its own connection. Defaults to
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
     * Reliable queue listeners only: total delivery attempts per item, the first included. Defaults to
     * {@code redis.listener.retry.attempts}.
     *
     * @return the number, or empty for the default
     */
    String maxAttempts() default "";

    /**
     * Queue listeners only: the most items a worker takes from the queue per round trip ({@code BLMPOP ... COUNT
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
     * for queues (both defined by the auto-configuration unless the application defines beans of those names). A
     * name with no bean behind it, or a factory that does not serve the listener's kind, fails the startup with an
     * error naming the method and the factory.
     *
     * @return the bean name, or empty for the default
     */
    String containerFactory() default "";
}
