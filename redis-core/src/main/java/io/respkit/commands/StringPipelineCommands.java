package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.StringDefs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * String commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link Response} handle. Definitions are shared with {@link StringCommands}, whose Javadoc describes each command.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface StringPipelineCommands<V> extends BasePipelineCommands<V> {

    /** Queues {@code SET}; see {@link StringCommands#set(String, Object)}. @param key the key @param value the value @return the handle */
    default Response<Boolean> set(String key, V value) {
        return enqueue(StringDefs.set(codec(), key, value));
    }

    /** Queues {@code SET} with options; see {@link StringCommands#set(String, Object, SetArgs)}. @param key the key @param value the value @param args the options @return the handle */
    default Response<Boolean> set(String key, V value, SetArgs args) {
        return enqueue(StringDefs.set(codec(), key, value, args));
    }

    /** Queues {@code SET ... GET}; see {@link StringCommands#setGet}. @param key the key @param value the value @param args the options @return the handle */
    default Response<V> setGet(String key, V value, SetArgs args) {
        return enqueue(StringDefs.setGet(codec(), key, value, args));
    }

    /** Queues {@code GET}; see {@link StringCommands#get}. @param key the key @return the handle */
    default Response<V> get(String key) {
        return enqueue(StringDefs.get(codec(), key));
    }

    /** Queues {@code INCR}; see {@link StringCommands#incr}. @param key the key @return the handle */
    default Response<Long> incr(String key) {
        return enqueue(StringDefs.incr(codec(), key));
    }

    /** Queues {@code MSET}; see {@link StringCommands#mset}. @param entries keys and values @return the handle */
    default Response<Boolean> mset(Map<String, V> entries) {
        return enqueue(StringDefs.mset(codec(), entries));
    }

    /** Queues {@code MGET}; see {@link StringCommands#mget(String...)}. @param keys the keys @return the handle */
    default Response<List<V>> mget(String... keys) {
        return enqueue(StringDefs.mget(codec(), Arrays.asList(keys)));
    }
}
