package io.respkit.commands;

import io.respkit.exceptions.RedisServerException;
import io.respkit.internal.commands.ScriptingDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Synchronous Lua scripting commands. Each method is defined once in
 * {@code io.respkit.internal.commands.ScriptingDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Script replies are decoded as a tree: bulk strings through the codec (so as {@code V}), status replies as
 * {@link String}, integers as {@link Long}, arrays as {@link List}, RESP3 maps as {@link java.util.Map}, nil as
 * {@code null}. A Lua {@code false} is {@code null}, unless the script calls {@code redis.setresp(3)} (then it is
 * {@link Boolean#FALSE} on a RESP3 connection and {@code 0L} on a RESP2 one); Lua numbers are truncated to integers
 * by the server. A script that raises an error (or a {@code redis.call} that fails) raises
 * {@link RedisServerException}.
 *
 * <p>Keys go in {@code keys} (the script sees them as {@code KEYS[i]}) so that the server knows which keys the
 * script touches; other inputs go in {@code args} ({@code ARGV[i]}), encoded by the codec.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Lua scripting commands",
        pipelineNote = "{@link ScriptingCommands} describes how script replies are decoded.",
        asyncNote = "{@link ScriptingCommands} describes how script replies are decoded.")
public interface ScriptingCommands<V> extends BaseCommands<V> {

    /**
     * Runs a Lua script, sending its source ({@code EVAL}); the server caches it, so a later {@link #evalsha} with
     * its SHA1 works too. For scripts run repeatedly prefer {@link #eval(Script, List, List)}, which sends only the
     * digest.
     *
     * @param script the Lua source
     * @param keys the keys the script uses, as {@code KEYS}
     * @param args the other arguments, as {@code ARGV}
     * @return the script's reply decoded as described in the interface documentation; {@code null} for nil
     * @throws RedisServerException when the script does not compile, raises an error, or a command it calls fails
     */
    default Object eval(String script, List<String> keys, List<? extends V> args) {
        return execute(ScriptingDefs.eval(codec(), script, keys, args));
    }

    /**
     * Runs a script the server has cached, by its SHA1 ({@code EVALSHA}).
     *
     * @param sha1 the digest, as {@link #scriptLoad} or {@link Script#sha1()} gives it
     * @param keys the keys the script uses, as {@code KEYS}
     * @param args the other arguments, as {@code ARGV}
     * @return the script's reply, decoded as for {@link #eval(String, List, List)}
     * @throws RedisServerException {@code NOSCRIPT} when the server does not have the script; any other code when
     *         the script fails
     */
    default Object evalsha(String sha1, List<String> keys, List<? extends V> args) {
        return execute(ScriptingDefs.evalsha(codec(), sha1, keys, args));
    }

    /**
     * Runs a script by its digest, falling back to its source when the server does not have it: sends
     * {@code EVALSHA}, and on a {@code NOSCRIPT} error (a new server, a restart, a {@code SCRIPT FLUSH}) sends
     * {@code EVAL}, which also caches the script for next time. The fallback is safe because a script that
     * was not found never ran.
     *
     * @param script the script
     * @param keys the keys the script uses, as {@code KEYS}
     * @param args the other arguments, as {@code ARGV}
     * @return the script's reply, decoded as for {@link #eval(String, List, List)}
     * @throws RedisServerException when the script does not compile, raises an error, or a command it calls fails
     */
    @QueuedAs(command = "ScriptingDefs.eval(codec(), script.source(), keys, args)",
            description = "Runs a script by its source ({@code EVAL}). The server caches it for later {@code EVALSHA}"
                    + " calls. Unlike the synchronous {@link ScriptingCommands#eval(Script, List, List)} this does not"
                    + " try {@code EVALSHA} first: the queued and asynchronous forms hand back their result before any"
                    + " reply is read, so they could not resend the source on a {@code NOSCRIPT} error.")
    default Object eval(Script script, List<String> keys, List<? extends V> args) {
        try {
            return execute(ScriptingDefs.evalsha(codec(), script.sha1(), keys, args));
        } catch (RedisServerException e) {
            if (!"NOSCRIPT".equals(e.code())) {
                throw e;
            }
            return execute(ScriptingDefs.eval(codec(), script.source(), keys, args));
        }
    }

    /**
     * Caches a script on the server without running it ({@code SCRIPT LOAD}).
     *
     * @param script the Lua source
     * @return its SHA1, 40 lower-case hex digits, for {@link #evalsha}
     * @throws RedisServerException when the script does not compile
     */
    default String scriptLoad(String script) {
        return execute(ScriptingDefs.scriptLoad(codec(), script));
    }

    /**
     * Tells which scripts the server has cached ({@code SCRIPT EXISTS}).
     *
     * @param sha1s the digests, at least one
     * @return one flag per digest, in argument order: {@code true} when cached
     * @throws IllegalArgumentException when no digest is given
     */
    default List<Boolean> scriptExists(String... sha1s) {
        return scriptExists(Arrays.asList(sha1s));
    }

    /**
     * Tells which scripts the server has cached ({@code SCRIPT EXISTS}).
     *
     * @param sha1s the digests, at least one
     * @return one flag per digest, in iteration order: {@code true} when cached
     * @throws IllegalArgumentException when no digest is given
     */
    default List<Boolean> scriptExists(Collection<String> sha1s) {
        return execute(ScriptingDefs.scriptExists(codec(), sha1s));
    }

    /**
     * Empties the server's script cache ({@code SCRIPT FLUSH}); later {@code EVALSHA} calls fail with
     * {@code NOSCRIPT} until the scripts are loaded again ({@link #eval(Script, List, List)} recovers by itself).
     *
     * @return {@code true}
     * @throws RedisServerException when the command is not permitted
     */
    default boolean scriptFlush() {
        return execute(ScriptingDefs.scriptFlush(codec()));
    }

    /**
     * Empties the server's script cache ({@code SCRIPT FLUSH ASYNC|SYNC}), freeing the memory in the background
     * or before replying.
     *
     * @param mode {@link FlushMode#ASYNC} or {@link FlushMode#SYNC}
     * @return {@code true}
     * @throws RedisServerException when the command is not permitted
     */
    default boolean scriptFlush(FlushMode mode) {
        return execute(ScriptingDefs.scriptFlush(codec(), mode));
    }

    /**
     * Stops the script running now ({@code SCRIPT KILL}), if it has not written anything; the client that ran it
     * gets an error. Send it from another client than the one running the script (that one is waiting for its
     * reply).
     *
     * @return {@code true}
     * @throws RedisServerException {@code NOTBUSY} when no script is running; {@code UNKILLABLE} when the running
     *         script has written (only {@code SHUTDOWN NOSAVE} stops it then)
     */
    default boolean scriptKill() {
        return execute(ScriptingDefs.scriptKill(codec()));
    }

    /**
     * Runs a read-only Lua script, sending its source ({@code EVAL_RO}, Redis 7.0+): the server refuses any write
     * it attempts, and replicas accept it.
     *
     * @param script the Lua source
     * @param keys the keys the script uses, as {@code KEYS}
     * @param args the other arguments, as {@code ARGV}
     * @return the script's reply decoded as described in the interface documentation; {@code null} for nil
     * @throws RedisServerException when the script does not compile, raises an error, or attempts a write
     */
    default Object evalReadOnly(String script, List<String> keys, List<? extends V> args) {
        return execute(ScriptingDefs.evalReadOnly(codec(), script, keys, args));
    }

    /**
     * Runs a cached read-only Lua script by its SHA1 ({@code EVALSHA_RO}, Redis 7.0+).
     *
     * @param sha1 the SHA1 of the script, as {@link #scriptLoad} returned it
     * @param keys the keys the script uses, as {@code KEYS}
     * @param args the other arguments, as {@code ARGV}
     * @return the script's reply decoded as described in the interface documentation; {@code null} for nil
     * @throws RedisServerException {@code NOSCRIPT} when the server does not have the script; an error when the
     *         script fails or attempts a write
     */
    default Object evalshaReadOnly(String sha1, List<String> keys, List<? extends V> args) {
        return execute(ScriptingDefs.evalshaReadOnly(codec(), sha1, keys, args));
    }
}
