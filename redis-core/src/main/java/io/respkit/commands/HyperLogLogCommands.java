package io.respkit.commands;

import io.respkit.internal.commands.HyperLogLogDefs;

import java.util.Arrays;
import java.util.Collection;

/**
 * Synchronous HyperLogLog commands: probabilistic distinct counting in at most 12 KB per key, with a standard error
 * of 0.81%. Each method is defined once in {@code io.respkit.internal.commands.HyperLogLogDefs} and runs through
 * {@link #execute(Command)}. ({@code PFDEBUG} and {@code PFSELFTEST} test the server and are not typed.)
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when a key
 * holds a value that is not a string, {@code INVALIDOBJ} when a string is not a HyperLogLog, and
 * {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "HyperLogLog commands")
public interface HyperLogLogCommands<V> extends BaseCommands<V> {

    /**
     * Adds elements to the HyperLogLog at {@code key} ({@code PFADD}), creating it when missing.
     *
     * @param key the key
     * @param elements the elements; none only creates the key
     * @return {@code true} when the estimated cardinality changed or the key was created, else {@code false}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} or {@code INVALIDOBJ}
     */
    @SuppressWarnings("unchecked")
    default boolean pfadd(String key, V... elements) {
        return pfadd(key, Arrays.asList(elements));
    }

    /**
     * Adds elements to the HyperLogLog at {@code key} ({@code PFADD}); see {@link #pfadd(String, Object[])}.
     *
     * @param key the key
     * @param elements the elements; none only creates the key
     * @return {@code true} when the estimated cardinality changed or the key was created, else {@code false}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} or {@code INVALIDOBJ}
     */
    default boolean pfadd(String key, Collection<? extends V> elements) {
        return execute(HyperLogLogDefs.pfadd(codec(), key, elements));
    }

    /**
     * Returns the estimated number of distinct elements added to the HyperLogLogs at {@code keys} ({@code PFCOUNT}):
     * of one key, or of the union of several (computed on the fly, without changing them).
     *
     * @param keys one or more keys; missing keys count as empty
     * @return the estimated cardinality, 0 when every key is missing
     * @throws IllegalArgumentException when no key is given
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} or {@code INVALIDOBJ}
     */
    default long pfcount(String... keys) {
        return pfcount(Arrays.asList(keys));
    }

    /**
     * Returns the estimated number of distinct elements of one HyperLogLog or of the union of several
     * ({@code PFCOUNT}); see {@link #pfcount(String...)}.
     *
     * @param keys one or more keys; missing keys count as empty
     * @return the estimated cardinality, 0 when every key is missing
     * @throws IllegalArgumentException when no key is given
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} or {@code INVALIDOBJ}
     */
    default long pfcount(Collection<String> keys) {
        return execute(HyperLogLogDefs.pfcount(codec(), keys));
    }

    /**
     * Stores in {@code destination} the union of the HyperLogLogs at {@code sources} and at {@code destination}
     * itself when it exists ({@code PFMERGE}).
     *
     * @param destination the key to write
     * @param sources the keys to merge in; missing keys count as empty
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} or {@code INVALIDOBJ}
     */
    default boolean pfmerge(String destination, String... sources) {
        return pfmerge(destination, Arrays.asList(sources));
    }

    /**
     * Stores in {@code destination} the union of the HyperLogLogs at {@code sources} and at {@code destination}
     * ({@code PFMERGE}); see {@link #pfmerge(String, String...)}.
     *
     * @param destination the key to write
     * @param sources the keys to merge in; missing keys count as empty
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} or {@code INVALIDOBJ}
     */
    default boolean pfmerge(String destination, Collection<String> sources) {
        return execute(HyperLogLogDefs.pfmerge(codec(), destination, sources));
    }
}
