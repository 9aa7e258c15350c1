package io.respkit.commands;

import io.respkit.internal.commands.ListDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Synchronous list commands. Each method is defined once in {@code io.respkit.internal.commands.ListDefs}
 * and runs through {@link #execute(Command)}. Every method throws {@link io.respkit.exceptions.RedisServerException} with code
 * {@code WRONGTYPE} when a key holds something other than a list.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is). The blocking pops ({@code BLPOP},
 * {@code BRPOP}, {@code BLMOVE}, {@code BLMPOP}) hold one connection for as long as they block; the connection waits
 * the block time on top of its read timeout, so a block longer than the read timeout does not time out. A caller of
 * {@link io.respkit.RedisClient} that gives up on one never loses an element: interrupted while it waits, it gets a
 * {@link io.respkit.exceptions.RedisInterruptedException} within about 100 ms, and respkit unblocks the pop on the server
 * ({@code CLIENT UNBLOCK}) or, when it took elements all the same, puts them back where they came from, in the
 * background; the same holds for a cancelled or timed-out {@link io.respkit.AsyncCommands asynchronous} pop.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "List commands",
        pipelineNote = "Inside a transaction the blocking pops do not block: they behave like their non-blocking"
                + " forms.",
        asyncNote = "A blocking pop waits on a pooled connection of its own; giving up on its future (cancelling"
                + " it, or completing it first) never loses an element, as {@link io.respkit.AsyncCommands}"
                + " explains.")
public interface ListCommands<V> extends BaseCommands<V> {

    /**
     * Inserts values at the head of the list at {@code key} ({@code LPUSH}), creating it when missing. Each value is
     * pushed in turn, so {@code lpush("l", "a", "b")} gives {@code [b, a]}.
     *
     * @param key the key
     * @param values one or more values
     * @return the length of the list after the push
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default long lpush(String key, V... values) {
        return lpush(key, Arrays.asList(values));
    }

    /**
     * Inserts values at the head of the list ({@code LPUSH}); see {@link #lpush(String, Object[])}.
     *
     * @param key the key
     * @param values one or more values, pushed in iteration order
     * @return the length of the list after the push
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    default long lpush(String key, Collection<? extends V> values) {
        return execute(ListDefs.lpush(codec(), key, values));
    }

    /**
     * Inserts values at the head of the list only when the list exists ({@code LPUSHX}).
     *
     * @param key the key
     * @param values one or more values
     * @return the length of the list after the push; 0 when the key does not exist (nothing is created)
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default long lpushx(String key, V... values) {
        return lpushx(key, Arrays.asList(values));
    }

    /**
     * Inserts values at the head of an existing list ({@code LPUSHX}); see {@link #lpushx(String, Object[])}.
     *
     * @param key the key
     * @param values one or more values
     * @return the length of the list after the push; 0 when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    default long lpushx(String key, Collection<? extends V> values) {
        return execute(ListDefs.lpushx(codec(), key, values));
    }

    /**
     * Appends values at the tail of the list at {@code key} ({@code RPUSH}), creating it when missing.
     *
     * @param key the key
     * @param values one or more values
     * @return the length of the list after the push
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default long rpush(String key, V... values) {
        return rpush(key, Arrays.asList(values));
    }

    /**
     * Appends values at the tail of the list ({@code RPUSH}); see {@link #rpush(String, Object[])}.
     *
     * @param key the key
     * @param values one or more values
     * @return the length of the list after the push
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    default long rpush(String key, Collection<? extends V> values) {
        return execute(ListDefs.rpush(codec(), key, values));
    }

    /**
     * Appends values at the tail of the list only when the list exists ({@code RPUSHX}).
     *
     * @param key the key
     * @param values one or more values
     * @return the length of the list after the push; 0 when the key does not exist (nothing is created)
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default long rpushx(String key, V... values) {
        return rpushx(key, Arrays.asList(values));
    }

    /**
     * Appends values at the tail of an existing list ({@code RPUSHX}); see {@link #rpushx(String, Object[])}.
     *
     * @param key the key
     * @param values one or more values
     * @return the length of the list after the push; 0 when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException when no value is given, or {@code WRONGTYPE}
     */
    default long rpushx(String key, Collection<? extends V> values) {
        return execute(ListDefs.rpushx(codec(), key, values));
    }

    /**
     * Inserts {@code value} before or after the first element equal to {@code pivot} ({@code LINSERT}).
     *
     * @param key the key
     * @param position before or after the pivot
     * @param pivot the element to insert next to
     * @param value the value to insert
     * @return the length of the list after the insert; -1 when the pivot was not found; 0 when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default long linsert(String key, InsertPosition position, V pivot, V value) {
        return execute(ListDefs.linsert(codec(), key, position, pivot, value));
    }

    /**
     * Returns the element at {@code index} ({@code LINDEX}); negative indexes count from the tail (-1 is the last).
     *
     * @param key the key
     * @param index the index
     * @return the element, or {@code null} when the index is out of range or the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default V lindex(String key, long index) {
        return execute(ListDefs.lindex(codec(), key, index));
    }

    /**
     * Returns the elements from {@code start} to {@code stop}, both inclusive ({@code LRANGE}); negative indexes
     * count from the tail, so {@code lrange(key, 0, -1)} is the whole list.
     *
     * @param key the key
     * @param start the first index
     * @param stop the last index, inclusive
     * @return the elements in list order; empty when the range is out of the list or the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default List<V> lrange(String key, long start, long stop) {
        return execute(ListDefs.lrange(codec(), key, start, stop));
    }

    /**
     * Returns the length of the list ({@code LLEN}).
     *
     * @param key the key
     * @return the length, 0 when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default long llen(String key) {
        return execute(ListDefs.llen(codec(), key));
    }

    /**
     * Removes and returns the first element ({@code LPOP}); the key is deleted when the list becomes empty.
     *
     * @param key the key
     * @return the element, or {@code null} when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default V lpop(String key) {
        return execute(ListDefs.lpop(codec(), key));
    }

    /**
     * Removes and returns up to {@code count} elements from the head ({@code LPOP key count}).
     *
     * @param key the key
     * @param count how many elements at most, not negative
     * @return the elements in pop order; an empty list (never {@code null}) when the key is missing
     * @throws io.respkit.exceptions.RedisServerException when the count is negative, or {@code WRONGTYPE}
     */
    default List<V> lpop(String key, long count) {
        return execute(ListDefs.lpop(codec(), key, count));
    }

    /**
     * Removes and returns the last element ({@code RPOP}); the key is deleted when the list becomes empty.
     *
     * @param key the key
     * @return the element, or {@code null} when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default V rpop(String key) {
        return execute(ListDefs.rpop(codec(), key));
    }

    /**
     * Removes and returns up to {@code count} elements from the tail ({@code RPOP key count}).
     *
     * @param key the key
     * @param count how many elements at most, not negative
     * @return the elements in pop order (last element first); an empty list (never {@code null}) when the key is
     *         missing
     * @throws io.respkit.exceptions.RedisServerException when the count is negative, or {@code WRONGTYPE}
     */
    default List<V> rpop(String key, long count) {
        return execute(ListDefs.rpop(codec(), key, count));
    }

    /**
     * Moves the last element of {@code source} to the head of {@code destination} ({@code RPOPLPUSH}), atomically.
     *
     * @param source the list to take from
     * @param destination the list to push to, created when missing; may equal {@code source} (rotation)
     * @return the moved element, or {@code null} when {@code source} is missing (nothing happens)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-list
     */
    default V rpoplpush(String source, String destination) {
        return execute(ListDefs.rpoplpush(codec(), source, destination));
    }

    /**
     * Moves an element from one end of {@code source} to one end of {@code destination} ({@code LMOVE}),
     * atomically.
     *
     * @param source the list to take from
     * @param destination the list to push to, created when missing; may equal {@code source}
     * @param from the end of {@code source} to take from
     * @param to the end of {@code destination} to push to
     * @return the moved element, or {@code null} when {@code source} is missing (nothing happens)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-list
     */
    default V lmove(String source, String destination, ListDirection from, ListDirection to) {
        return execute(ListDefs.lmove(codec(), source, destination, from, to));
    }

    /**
     * Like {@link #lmove}, but waits up to {@code timeout} for {@code source} to get an element ({@code BLMOVE}).
     *
     * @param source the list to take from
     * @param destination the list to push to
     * @param from the end of {@code source} to take from
     * @param to the end of {@code destination} to push to
     * @param timeout how long to block, millisecond precision; {@link Duration#ZERO} blocks forever
     * @return the moved element, or {@code null} when the timeout passed with {@code source} still empty
     * @throws IllegalArgumentException when the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-list
     */
    default V blmove(String source, String destination, ListDirection from, ListDirection to, Duration timeout) {
        return execute(ListDefs.blmove(codec(), source, destination, from, to, timeout));
    }

    /**
     * Removes elements equal to {@code value} ({@code LREM}): the first {@code count} from the head when
     * {@code count > 0}, the first {@code -count} from the tail when {@code count < 0}, all when {@code count == 0}.
     *
     * @param key the key
     * @param count how many to remove and from which end
     * @param value the value to remove
     * @return the number of elements removed, 0 when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default long lrem(String key, long count, V value) {
        return execute(ListDefs.lrem(codec(), key, count, value));
    }

    /**
     * Keeps only the elements from {@code start} to {@code stop}, both inclusive ({@code LTRIM}); an empty range
     * deletes the key.
     *
     * @param key the key
     * @param start the first index to keep
     * @param stop the last index to keep, inclusive
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default boolean ltrim(String key, long start, long stop) {
        return execute(ListDefs.ltrim(codec(), key, start, stop));
    }

    /**
     * Replaces the element at {@code index} ({@code LSET}); negative indexes count from the tail.
     *
     * @param key the key
     * @param index the index of an existing element
     * @param value the new value
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code ERR no such key} when the key is missing,
     *         {@code ERR index out of range} when the index is, or {@code WRONGTYPE}
     */
    default boolean lset(String key, long index, V value) {
        return execute(ListDefs.lset(codec(), key, index, value));
    }

    /**
     * Returns the index of the first element equal to {@code value} ({@code LPOS}).
     *
     * @param key the key
     * @param value the value to look for
     * @return the index, or {@code null} when no element matches or the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default Long lpos(String key, V value) {
        return execute(ListDefs.lpos(codec(), key, value, LPosArgs.NONE));
    }

    /**
     * Returns the index of a matching element, with {@code RANK} and {@code MAXLEN} options ({@code LPOS}).
     *
     * @param key the key
     * @param value the value to look for
     * @param args which match and how far to search
     * @return the index (always counted from the head), or {@code null} when there is no such match
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-list
     */
    default Long lpos(String key, V value, LPosArgs args) {
        return execute(ListDefs.lpos(codec(), key, value, args));
    }

    /**
     * Returns the indexes of up to {@code count} matching elements ({@code LPOS ... COUNT count}).
     *
     * @param key the key
     * @param value the value to look for
     * @param count how many matches at most; 0 for all
     * @param args which match to start at and how far to search; {@link LPosArgs#NONE} for none
     * @return the indexes in search order; empty when nothing matches or the key is missing
     * @throws io.respkit.exceptions.RedisServerException when the count is negative, or {@code WRONGTYPE}
     */
    default List<Long> lpos(String key, V value, long count, LPosArgs args) {
        return execute(ListDefs.lpos(codec(), key, value, count, args));
    }

    /**
     * Removes and returns the first element of the first non-empty list among {@code keys}, waiting up to
     * {@code timeout} for one to get an element ({@code BLPOP}).
     *
     * @param timeout how long to block, millisecond precision; {@link Duration#ZERO} blocks forever
     * @param keys the lists, checked in order
     * @return the key and the element, or {@code null} when the timeout passed with every list empty
     * @throws IllegalArgumentException when the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-list
     */
    default KeyValue<V> blpop(Duration timeout, String... keys) {
        return blpop(timeout, Arrays.asList(keys));
    }

    /**
     * {@code BLPOP} with a timeout in seconds; see {@link #blpop(Duration, String...)}.
     *
     * @param timeoutSeconds how long to block in seconds, 0 for forever
     * @param keys the lists, checked in order
     * @return the key and the element, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when the timeout is negative
     */
    default KeyValue<V> blpop(long timeoutSeconds, String... keys) {
        return blpop(Duration.ofSeconds(timeoutSeconds), Arrays.asList(keys));
    }

    /**
     * {@code BLPOP} over a collection of keys; see {@link #blpop(Duration, String...)}.
     *
     * @param timeout how long to block; {@link Duration#ZERO} blocks forever
     * @param keys the lists, checked in order
     * @return the key and the element, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when the timeout is negative
     */
    default KeyValue<V> blpop(Duration timeout, Collection<String> keys) {
        return execute(ListDefs.blpop(codec(), timeout, keys));
    }

    /**
     * Removes and returns the last element of the first non-empty list among {@code keys}, waiting up to
     * {@code timeout} for one to get an element ({@code BRPOP}).
     *
     * @param timeout how long to block, millisecond precision; {@link Duration#ZERO} blocks forever
     * @param keys the lists, checked in order
     * @return the key and the element, or {@code null} when the timeout passed with every list empty
     * @throws IllegalArgumentException when the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-list
     */
    default KeyValue<V> brpop(Duration timeout, String... keys) {
        return brpop(timeout, Arrays.asList(keys));
    }

    /**
     * {@code BRPOP} with a timeout in seconds; see {@link #brpop(Duration, String...)}.
     *
     * @param timeoutSeconds how long to block in seconds, 0 for forever
     * @param keys the lists, checked in order
     * @return the key and the element, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when the timeout is negative
     */
    default KeyValue<V> brpop(long timeoutSeconds, String... keys) {
        return brpop(Duration.ofSeconds(timeoutSeconds), Arrays.asList(keys));
    }

    /**
     * {@code BRPOP} over a collection of keys; see {@link #brpop(Duration, String...)}.
     *
     * @param timeout how long to block; {@link Duration#ZERO} blocks forever
     * @param keys the lists, checked in order
     * @return the key and the element, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when the timeout is negative
     */
    default KeyValue<V> brpop(Duration timeout, Collection<String> keys) {
        return execute(ListDefs.brpop(codec(), timeout, keys));
    }

    /**
     * Pops up to {@code count} elements from one end of the first non-empty list among {@code keys}
     * ({@code LMPOP}).
     *
     * @param direction the end to pop from
     * @param count how many elements at most, at least 1
     * @param keys the lists, checked in order
     * @return the key and the popped elements, or {@code null} when every list is empty
     * @throws io.respkit.exceptions.RedisServerException when the count is not positive, or {@code WRONGTYPE}
     */
    default KeyValues<V> lmpop(ListDirection direction, long count, String... keys) {
        return lmpop(direction, count, Arrays.asList(keys));
    }

    /**
     * {@code LMPOP} over a collection of keys; see {@link #lmpop(ListDirection, long, String...)}.
     *
     * @param direction the end to pop from
     * @param count how many elements at most, at least 1
     * @param keys the lists, checked in order
     * @return the key and the popped elements, or {@code null} when every list is empty
     * @throws io.respkit.exceptions.RedisServerException when the count is not positive, or {@code WRONGTYPE}
     */
    default KeyValues<V> lmpop(ListDirection direction, long count, Collection<String> keys) {
        return execute(ListDefs.lmpop(codec(), direction, count, List.copyOf(keys)));
    }

    /**
     * Like {@link #lmpop(ListDirection, long, String...)}, but waits up to {@code timeout} for a list to get an
     * element ({@code BLMPOP}).
     *
     * @param timeout how long to block, millisecond precision; {@link Duration#ZERO} blocks forever
     * @param direction the end to pop from
     * @param count how many elements at most, at least 1
     * @param keys the lists, checked in order
     * @return the key and the popped elements, or {@code null} when the timeout passed with every list empty
     * @throws IllegalArgumentException when the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException when the count is not positive, or {@code WRONGTYPE}
     */
    default KeyValues<V> blmpop(Duration timeout, ListDirection direction, long count, String... keys) {
        return blmpop(timeout, direction, count, Arrays.asList(keys));
    }

    /**
     * {@code BLMPOP} over a collection of keys; see {@link #blmpop(Duration, ListDirection, long, String...)}.
     *
     * @param timeout how long to block; {@link Duration#ZERO} blocks forever
     * @param direction the end to pop from
     * @param count how many elements at most, at least 1
     * @param keys the lists, checked in order
     * @return the key and the popped elements, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when the timeout is negative
     */
    default KeyValues<V> blmpop(Duration timeout, ListDirection direction, long count, Collection<String> keys) {
        return execute(ListDefs.blmpop(codec(), timeout, direction, count, List.copyOf(keys)));
    }
}
