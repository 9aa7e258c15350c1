package io.respkit.exceptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * At least one command of a pipeline failed. Every reply was read; {@link #results()} holds each command's result
 * in order, with the failed ones as exceptions. The message names the first failing index and command.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisPipelineException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final String command;
    private final transient List<Object> results;

    /**
     * Creates the exception.
     *
     * @param index the index of the first failed command
     * @param command that command's name
     * @param first that command's failure
     * @param results every result in order, failures as exceptions
     */
    public RedisPipelineException(int index, String command, RedisException first, List<Object> results) {
        super(codeOf(first),
                first instanceof RedisServerException s ? s.serverMessage() : first.getMessage(),
                "Command #" + index + " (" + command + ") of pipeline failed: " + first.getMessage());
        this.index = index;
        this.command = command;
        this.results = Collections.unmodifiableList(new ArrayList<>(results));
        initCause(first);
    }

    private static String codeOf(RedisException e) {
        return e instanceof RedisServerException s ? s.code() : "ERR";
    }

    /** @return the index of the first failed command */
    public int index() {
        return index;
    }

    /** @return the name of the first failed command */
    public String command() {
        return command;
    }

    /** @return every command's result in order; failed commands hold their {@link RedisException} */
    public List<Object> results() {
        return results;
    }
}
