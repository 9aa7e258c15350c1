package io.respkit.commands;

import io.respkit.internal.commands.ListDefs;

import java.time.Duration;

/**
 * Synchronous list commands beyond {@link ListCommands} (kept under its size limit): the blocking
 * {@code BRPOPLPUSH}, which servers before 6.2 offer in place of {@code BLMOVE}. Each method is defined once in
 * {@code io.respkit.internal.commands.ListDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "List move commands (BRPOPLPUSH)")
public interface ListMoveCommands<V> extends BaseCommands<V> {

    /**
     * Like {@link ListCommands#rpoplpush}, but waits up to {@code timeout} for {@code source} to get an element
     * ({@code BRPOPLPUSH}); prefer {@link ListCommands#blmove} on Redis 6.2+. Its read timeout is extended by
     * {@code timeout}; a caller that gives up (an interrupt, a cancelled future) does not lose the element: respkit
     * moves it back.
     *
     * @param source the list to take from (its tail)
     * @param destination the list to push to (its head), created when missing
     * @param timeout how long to block, millisecond precision; {@link Duration#ZERO} blocks forever
     * @return the moved element, or {@code null} when the timeout passed with {@code source} still empty
     * @throws IllegalArgumentException when the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-list
     */
    default V brpoplpush(String source, String destination, Duration timeout) {
        return execute(ListDefs.brpoplpush(codec(), source, destination, timeout));
    }
}
