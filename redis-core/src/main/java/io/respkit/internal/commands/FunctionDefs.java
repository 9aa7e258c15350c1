package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.FlushMode;
import io.respkit.commands.FunctionRestorePolicy;
import io.respkit.commands.FunctionStats;
import io.respkit.commands.LibraryInfo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Definitions of the Redis 7 function commands ({@code FUNCTION LOAD/DELETE/FLUSH/LIST/DUMP/RESTORE/STATS/KILL},
 * {@code FCALL}, {@code FCALL_RO}): name, arguments and reply decoder, written once and shared by the synchronous,
 * pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class FunctionDefs {

    private FunctionDefs() {
    }

    /** FUNCTION LOAD [REPLACE] code: the library's name. */
    public static Command<String> functionLoad(RedisCodec<?> c, String code, boolean replace) {
        Command<String> cmd = Command.create(c, FunctionSpecs.FUNCTION_LOAD, Decoders.string());
        if (replace) {
            cmd.arg("REPLACE");
        }
        return cmd.arg(Objects.requireNonNull(code, "code").getBytes(StandardCharsets.UTF_8));
    }

    /** FUNCTION DELETE library-name. */
    public static Command<Boolean> functionDelete(RedisCodec<?> c, String library) {
        return Command.create(c, FunctionSpecs.FUNCTION_DELETE, Decoders.okOrNull(), 3)
                .arg(Objects.requireNonNull(library, "library"));
    }

    /** FUNCTION FLUSH [ASYNC|SYNC]; {@code mode} may be null. */
    public static Command<Boolean> functionFlush(RedisCodec<?> c, FlushMode mode) {
        Command<Boolean> cmd = Command.create(c, FunctionSpecs.FUNCTION_FLUSH, Decoders.okOrNull());
        return mode == null ? cmd : cmd.arg(mode.name());
    }

    /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]; {@code pattern} may be null. */
    public static Command<List<LibraryInfo>> functionList(RedisCodec<?> c, String pattern, boolean withCode) {
        Command<List<LibraryInfo>> cmd = Command.create(c, FunctionSpecs.FUNCTION_LIST, FunctionDecoders.LIBRARIES);
        if (pattern != null) {
            cmd.arg("LIBRARYNAME").arg(pattern);
        }
        return withCode ? cmd.arg("WITHCODE") : cmd;
    }

    /** FUNCTION DUMP: every library, serialized. */
    public static Command<byte[]> functionDump(RedisCodec<?> c) {
        return Command.create(c, FunctionSpecs.FUNCTION_DUMP, KeyspaceDecoders.BYTES, 2);
    }

    /** FUNCTION RESTORE serialized-value [FLUSH|APPEND|REPLACE]; {@code policy} may be null. */
    public static Command<Boolean> functionRestore(RedisCodec<?> c, byte[] serialized, FunctionRestorePolicy policy) {
        Command<Boolean> cmd = Command.create(c, FunctionSpecs.FUNCTION_RESTORE, Decoders.okOrNull())
                .arg(Objects.requireNonNull(serialized, "serialized"));
        return policy == null ? cmd : cmd.arg(policy.name());
    }

    /** FUNCTION STATS. */
    public static Command<FunctionStats> functionStats(RedisCodec<?> c) {
        return Command.create(c, FunctionSpecs.FUNCTION_STATS, FunctionDecoders.STATS, 2);
    }

    /** FUNCTION KILL. */
    public static Command<Boolean> functionKill(RedisCodec<?> c) {
        return Command.create(c, FunctionSpecs.FUNCTION_KILL, Decoders.okOrNull(), 2);
    }

    /** FCALL function numkeys key [key ...] arg [arg ...]; the reply decoded as a tree. */
    public static <V> Command<Object> fcall(RedisCodec<V> c, String function, List<String> keys,
            List<? extends V> args) {
        return ScriptingDefs.keysAndArgs(Command.create(c, FunctionSpecs.FCALL, Decoders.decoded())
                .arg(Objects.requireNonNull(function, "function")), keys, args);
    }

    /** FCALL_RO function numkeys key [key ...] arg [arg ...]; the reply decoded as a tree. */
    public static <V> Command<Object> fcallReadOnly(RedisCodec<V> c, String function, List<String> keys,
            List<? extends V> args) {
        return ScriptingDefs.keysAndArgs(Command.create(c, FunctionSpecs.FCALL_RO, Decoders.decoded())
                .arg(Objects.requireNonNull(function, "function")), keys, args);
    }
}
