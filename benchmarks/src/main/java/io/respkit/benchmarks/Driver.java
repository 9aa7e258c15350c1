package io.respkit.benchmarks;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The operations the workloads need, implemented once per client (respkit, Jedis, Lettuce, Spring Data Redis) in that
 * client's idiomatic way, so that every workload is written once and runs unchanged against each of them. Replies
 * are returned, not checked: the workloads verify them.
 *
 * <p>Implementations say whether they are thread-safe ({@link #threadSafe()}); the multi-threaded workloads only run
 * those that are.
 */
public interface Driver extends AutoCloseable {

    /**
     * Returns the contender's name as it appears in the report.
     *
     * @return e.g. {@code "jedis"}
     */
    String name();

    /**
     * Returns whether one instance may be called from many threads at once.
     *
     * @return {@code true} when the multi-threaded workloads may use it
     */
    boolean threadSafe();

    /**
     * {@code SET key value}.
     *
     * @param key the key
     * @param value the value
     * @return {@code true} when the server answered OK
     */
    boolean set(String key, String value);

    /**
     * {@code GET key}.
     *
     * @param key the key
     * @return the value, {@code null} when missing
     */
    String get(String key);

    /**
     * Sends {@code SET keys[i] values[i]} for {@code from <= i < to} as one pipeline and reads every reply.
     *
     * @param keys the keys
     * @param values the values
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return how many replies were OK
     */
    int pipelineSet(String[] keys, String[] values, int from, int to);

    /**
     * Sends {@code GET keys[i]} for {@code from <= i < to} as one pipeline and stores each reply in {@code out[i]}.
     *
     * @param keys the keys
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @param out receives the values
     */
    void pipelineGet(String[] keys, int from, int to, String[] out);

    /**
     * {@code HSET key field value [field value ...]}.
     *
     * @param key the key
     * @param fields the fields and values
     * @return how many fields were added
     */
    long hset(String key, Map<String, String> fields);

    /**
     * {@code HGETALL key}.
     *
     * @param key the key
     * @return the fields and values
     */
    Map<String, String> hgetall(String key);

    /**
     * {@code HINCRBY key field by}.
     *
     * @param key the key
     * @param field the field
     * @param by the increment
     * @return the new value
     */
    long hincrby(String key, String field, long by);

    /**
     * {@code BRPOP key timeout}.
     *
     * @param key the list
     * @param timeoutSeconds how long to block
     * @return the popped value, {@code null} when the timeout passed
     */
    String brpop(String key, int timeoutSeconds);

    /**
     * Subscribes to {@code channel} on a dedicated connection and hands every message payload to {@code sink}, in
     * order, on the client's own delivery thread. The subscription may become active shortly after this returns:
     * callers wait for it with {@code PUBSUB NUMSUB}.
     *
     * @param channel the channel
     * @param sink receives payloads
     * @return closes the subscription and its connection
     */
    AutoCloseable subscribe(String channel, Consumer<String> sink);

    /** Closes every connection of the client. */
    @Override
    void close();
}
