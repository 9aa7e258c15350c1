package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.FlushMode;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Definitions of the Lua scripting commands, shared by the synchronous, pipeline and transaction APIs. Script
 * sources are always sent as UTF-8, whatever the codec's charset, so that the server's SHA1 matches
 * {@link io.respkit.commands.Script#sha1()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScriptingDefs {

    private ScriptingDefs() {
    }

    /** EVAL script numkeys key [key ...] arg [arg ...]; the reply decoded as a tree. */
    public static <V> Command<Object> eval(RedisCodec<V> c, String script, List<String> keys,
            List<? extends V> args) {
        Command<Object> cmd = Command.create(c, CommandSpecs.EVAL, Decoders.decoded())
                .arg(script.getBytes(StandardCharsets.UTF_8));
        return keysAndArgs(cmd, keys, args);
    }

    /** EVALSHA sha1 numkeys key [key ...] arg [arg ...]; the reply decoded as a tree. */
    public static <V> Command<Object> evalsha(RedisCodec<V> c, String sha1, List<String> keys,
            List<? extends V> args) {
        return keysAndArgs(Command.create(c, CommandSpecs.EVALSHA, Decoders.decoded()).arg(sha1), keys, args);
    }

    /** SCRIPT LOAD script: the SHA1 of the script. */
    public static Command<String> scriptLoad(RedisCodec<?> c, String script) {
        return Command.create(c, CommandSpecs.SCRIPT_LOAD, Decoders.string())
                .arg(script.getBytes(StandardCharsets.UTF_8));
    }

    /** SCRIPT EXISTS sha1 [sha1 ...]. */
    public static Command<List<Boolean>> scriptExists(RedisCodec<?> c, Collection<String> sha1s) {
        if (sha1s.isEmpty()) {
            throw new IllegalArgumentException("SCRIPT EXISTS needs at least one SHA1");
        }
        Command<List<Boolean>> cmd = Command.create(c, CommandSpecs.SCRIPT_EXISTS, Decoders.booleanList());
        for (String sha : sha1s) {
            cmd.arg(sha);
        }
        return cmd;
    }

    /** SCRIPT FLUSH. */
    public static Command<Boolean> scriptFlush(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.SCRIPT_FLUSH, Decoders.okOrNull());
    }

    /** SCRIPT FLUSH ASYNC|SYNC. */
    public static Command<Boolean> scriptFlush(RedisCodec<?> c, FlushMode mode) {
        return Command.create(c, CommandSpecs.SCRIPT_FLUSH, Decoders.okOrNull(), 3).arg(mode.name());
    }

    /** SCRIPT KILL. */
    public static Command<Boolean> scriptKill(RedisCodec<?> c) {
        return Command.create(c, FunctionSpecs.SCRIPT_KILL, Decoders.okOrNull(), 2);
    }

    /** EVAL_RO script numkeys key [key ...] arg [arg ...]; the reply decoded as a tree. */
    public static <V> Command<Object> evalReadOnly(RedisCodec<V> c, String script, List<String> keys,
            List<? extends V> args) {
        Command<Object> cmd = Command.create(c, FunctionSpecs.EVAL_RO, Decoders.decoded())
                .arg(script.getBytes(StandardCharsets.UTF_8));
        return keysAndArgs(cmd, keys, args);
    }

    /** EVALSHA_RO sha1 numkeys key [key ...] arg [arg ...]; the reply decoded as a tree. */
    public static <V> Command<Object> evalshaReadOnly(RedisCodec<V> c, String sha1, List<String> keys,
            List<? extends V> args) {
        return keysAndArgs(Command.create(c, FunctionSpecs.EVALSHA_RO, Decoders.decoded()).arg(sha1), keys, args);
    }

    static <V> Command<Object> keysAndArgs(Command<Object> cmd, List<String> keys, List<? extends V> args) {
        cmd.arg(keys.size()).keys(keys);
        for (V arg : args) {
            cmd.value(arg);
        }
        return cmd;
    }
}
