package io.respkit.spring.core;

/**
 * Receives the duration of every command a {@link RedisTemplate} runs, for example to feed Micrometer timers
 * ({@link MicrometerCommandMetrics}). Pipelines and transactions are reported as one call named {@code PIPELINE} or
 * {@code MULTI}.
 *
 * <p>Implementations must be thread-safe and cheap: they run on the caller's thread after every command.
 */
@FunctionalInterface
public interface RedisCommandMetrics {

    /**
     * Records one finished call, successful or not.
     *
     * @param command the command name as the client sent it, e.g. {@code "GET"}, {@code "CONFIG GET"},
     *                {@code "PIPELINE"}; never its arguments
     * @param durationNanos how long the call took, in nanoseconds
     */
    void record(String command, long durationNanos);
}
