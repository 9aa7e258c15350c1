package io.respkit.commands;

import io.respkit.exceptions.RedisServerException;
import io.respkit.internal.commands.FunctionDefs;

import java.util.List;

/**
 * Synchronous Redis 7 function commands: loading, listing, dumping, restoring and deleting libraries
 * ({@code FUNCTION ...}) and calling their functions ({@code FCALL}, {@code FCALL_RO}). Each method is defined once
 * in {@code io.respkit.internal.commands.FunctionDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Function replies are decoded as a tree, as script replies are (see {@link ScriptingCommands}): bulk strings
 * through the codec, status replies as {@link String}, integers as {@link Long}, arrays as {@link List}, nil as
 * {@code null}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Function commands (FUNCTION, FCALL)",
        pipelineNote = "{@link FunctionCommands} describes how function replies are decoded.",
        asyncNote = "{@link FunctionCommands} describes how function replies are decoded.")
public interface FunctionCommands<V> extends BaseCommands<V> {

    /**
     * Loads a library ({@code FUNCTION LOAD}); its source starts with {@code #!lua name=<library>}.
     *
     * @param code the library's source
     * @return the library's name
     * @throws RedisServerException {@code ERR} when a library of that name exists, or the code does not compile or
     *         register a function
     */
    default String functionLoad(String code) {
        return execute(FunctionDefs.functionLoad(codec(), code, false));
    }

    /**
     * Loads a library, replacing one of the same name ({@code FUNCTION LOAD REPLACE}) when {@code replace} is set.
     *
     * @param code the library's source
     * @param replace whether to replace an existing library of the same name
     * @return the library's name
     * @throws RedisServerException {@code ERR} when the library exists and {@code replace} is not set, or the code
     *         does not compile or register a function
     */
    default String functionLoad(String code, boolean replace) {
        return execute(FunctionDefs.functionLoad(codec(), code, replace));
    }

    /**
     * Deletes a library and its functions ({@code FUNCTION DELETE}).
     *
     * @param library the library's name
     * @return {@code true}
     * @throws RedisServerException {@code ERR} when there is no such library
     */
    default boolean functionDelete(String library) {
        return execute(FunctionDefs.functionDelete(codec(), library));
    }

    /**
     * Deletes every library ({@code FUNCTION FLUSH}), with the server's default mode.
     *
     * @return {@code true}
     */
    default boolean functionFlush() {
        return execute(FunctionDefs.functionFlush(codec(), null));
    }

    /**
     * Deletes every library ({@code FUNCTION FLUSH ASYNC|SYNC}).
     *
     * @param mode whether to free memory in the background or before replying
     * @return {@code true}
     */
    default boolean functionFlush(FlushMode mode) {
        return execute(FunctionDefs.functionFlush(codec(), mode));
    }

    /**
     * Describes every library and its functions ({@code FUNCTION LIST}).
     *
     * @return the libraries, without their code; empty when none is loaded
     */
    default List<LibraryInfo> functionList() {
        return execute(FunctionDefs.functionList(codec(), null, false));
    }

    /**
     * Describes the libraries whose names match a pattern, with their code if asked ({@code FUNCTION LIST
     * [LIBRARYNAME pattern] [WITHCODE]}).
     *
     * @param pattern a glob pattern on library names, or {@code null} for all
     * @param withCode whether to include each library's source
     * @return the libraries
     */
    default List<LibraryInfo> functionList(String pattern, boolean withCode) {
        return execute(FunctionDefs.functionList(codec(), pattern, withCode));
    }

    /**
     * Serialises every library ({@code FUNCTION DUMP}), for {@link #functionRestore}.
     *
     * @return the payload
     */
    default byte[] functionDump() {
        return execute(FunctionDefs.functionDump(codec()));
    }

    /**
     * Restores libraries {@link #functionDump} serialised ({@code FUNCTION RESTORE}), appending them.
     *
     * @param serialized the payload
     * @return {@code true}
     * @throws RedisServerException {@code ERR} when a library exists already or the payload is invalid
     */
    default boolean functionRestore(byte[] serialized) {
        return execute(FunctionDefs.functionRestore(codec(), serialized, null));
    }

    /**
     * Restores libraries {@link #functionDump} serialised, with a policy for those loaded already
     * ({@code FUNCTION RESTORE payload FLUSH|APPEND|REPLACE}).
     *
     * @param serialized the payload
     * @param policy what to do with the libraries loaded already
     * @return {@code true}
     * @throws RedisServerException {@code ERR} when a library exists already under {@code APPEND}, or the payload is
     *         invalid
     */
    default boolean functionRestore(byte[] serialized, FunctionRestorePolicy policy) {
        return execute(FunctionDefs.functionRestore(codec(), serialized, policy));
    }

    /**
     * Reports the function running now and the libraries loaded per engine ({@code FUNCTION STATS}).
     *
     * @return the statistics
     */
    default FunctionStats functionStats() {
        return execute(FunctionDefs.functionStats(codec()));
    }

    /**
     * Stops the function running now ({@code FUNCTION KILL}), if it has not written anything. Send it from another
     * client than the one running the function.
     *
     * @return {@code true}
     * @throws RedisServerException {@code NOTBUSY} when no function is running; {@code UNKILLABLE} when it has
     *         written
     */
    default boolean functionKill() {
        return execute(FunctionDefs.functionKill(codec()));
    }

    /**
     * Calls a function ({@code FCALL}).
     *
     * @param function the function's name
     * @param keys the keys it uses, as {@code KEYS}
     * @param args the other arguments, as {@code ARGV}
     * @return the function's reply, decoded as a tree; {@code null} for nil
     * @throws RedisServerException when there is no such function, or it raises an error
     */
    default Object fcall(String function, List<String> keys, List<? extends V> args) {
        return execute(FunctionDefs.fcall(codec(), function, keys, args));
    }

    /**
     * Calls a function flagged {@code no-writes} ({@code FCALL_RO}): replicas accept it, and the server refuses a
     * function without that flag.
     *
     * @param function the function's name
     * @param keys the keys it uses, as {@code KEYS}
     * @param args the other arguments, as {@code ARGV}
     * @return the function's reply, decoded as a tree; {@code null} for nil
     * @throws RedisServerException when there is no such function, it is not flagged {@code no-writes}, or it
     *         raises an error
     */
    default Object fcallReadOnly(String function, List<String> keys, List<? extends V> args) {
        return execute(FunctionDefs.fcallReadOnly(codec(), function, keys, args));
    }
}
