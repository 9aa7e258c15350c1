package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.ScriptingDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Scripting commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link Response} handle. Definitions are shared with {@link ScriptingCommands}, whose Javadoc describes each
 * command and how replies are decoded.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface ScriptingPipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code EVAL}; see {@link ScriptingCommands#eval(String, List, List)}.
     *
     * @param script the Lua source
     * @param keys the KEYS
     * @param args the ARGV
     * @return the handle
     */
    default Response<Object> eval(String script, List<String> keys, List<? extends V> args) {
        return enqueue(ScriptingDefs.eval(codec(), script, keys, args));
    }

    /**
     * Queues {@code EVALSHA}; see {@link ScriptingCommands#evalsha}.
     *
     * @param sha1 the digest
     * @param keys the KEYS
     * @param args the ARGV
     * @return the handle
     */
    default Response<Object> evalsha(String sha1, List<String> keys, List<? extends V> args) {
        return enqueue(ScriptingDefs.evalsha(codec(), sha1, keys, args));
    }

    /**
     * Queues {@code EVAL} with the script's source. Unlike {@link ScriptingCommands#eval(Script, List, List)} this
     * does not try {@code EVALSHA} first: queued commands are all sent before any reply is read, so a
     * {@code NOSCRIPT} error could not be answered by resending the source in the same pipeline or transaction.
     * Sending the source always works, and caches the script for later {@code EVALSHA} calls.
     *
     * @param script the script
     * @param keys the KEYS
     * @param args the ARGV
     * @return the handle
     */
    default Response<Object> eval(Script script, List<String> keys, List<? extends V> args) {
        return enqueue(ScriptingDefs.eval(codec(), script.source(), keys, args));
    }

    /**
     * Queues {@code SCRIPT LOAD}; see {@link ScriptingCommands#scriptLoad}.
     *
     * @param script the Lua source
     * @return the handle to the SHA1
     */
    default Response<String> scriptLoad(String script) {
        return enqueue(ScriptingDefs.scriptLoad(codec(), script));
    }

    /**
     * Queues {@code SCRIPT EXISTS}; see {@link ScriptingCommands#scriptExists(String...)}.
     *
     * @param sha1s the digests
     * @return the handle
     */
    default Response<List<Boolean>> scriptExists(String... sha1s) {
        return enqueue(ScriptingDefs.scriptExists(codec(), Arrays.asList(sha1s)));
    }

    /**
     * Queues {@code SCRIPT EXISTS}; see {@link ScriptingCommands#scriptExists(Collection)}.
     *
     * @param sha1s the digests
     * @return the handle
     */
    default Response<List<Boolean>> scriptExists(Collection<String> sha1s) {
        return enqueue(ScriptingDefs.scriptExists(codec(), sha1s));
    }

    /**
     * Queues {@code SCRIPT FLUSH}; see {@link ScriptingCommands#scriptFlush}.
     *
     * @return the handle
     */
    default Response<Boolean> scriptFlush() {
        return enqueue(ScriptingDefs.scriptFlush(codec()));
    }
}
