package io.respkit;

import io.respkit.exceptions.RedisServerException;

import java.util.List;

/**
 * What {@code EXEC} returned: each queued command's result in order (a failed command holds its
 * {@link RedisServerException}, e.g. {@code WRONGTYPE}), or an aborted transaction when a watched key changed.
 *
 * <p>Immutable when its results are; thread-safe to read.
 *
 * @param results each command's result, failures as exceptions; empty when aborted
 * @param aborted {@code true} when {@code EXEC} returned nil because a {@code WATCH}ed key changed
 */
public record TransactionResult(List<Object> results, boolean aborted) {

    /**
     * Returns result {@code i}.
     *
     * @param i the index of the queued command
     * @return its result, or its exception when it failed
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public Object get(int i) {
        return results.get(i);
    }

    /** @return the number of results */
    public int size() {
        return results.size();
    }

    /**
     * Returns the number of results and which failed, never the values: a value may be a secret (the reply to
     * {@code CONFIG GET requirepass}, say).
     *
     * @return e.g. {@code "TransactionResult[3 results, failed: #1 RedisServerException]"}
     */
    @Override
    public String toString() {
        if (aborted) {
            return "TransactionResult[aborted]";
        }
        StringBuilder sb = new StringBuilder("TransactionResult[").append(results.size()).append(" results");
        String separator = ", failed: ";
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof Throwable t) {
                sb.append(separator).append('#').append(i).append(' ').append(t.getClass().getSimpleName());
                separator = ", ";
            }
        }
        return sb.append(']').toString();
    }
}
