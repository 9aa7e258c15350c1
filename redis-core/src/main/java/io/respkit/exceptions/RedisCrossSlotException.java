package io.respkit.exceptions;

import java.util.List;

/**
 * The keys of one command hash to different Redis Cluster slots and the command cannot be split per slot (only
 * commands such as {@code MGET}, {@code MSET}, {@code DEL}, {@code EXISTS}, {@code TOUCH} and {@code UNLINK} can).
 * Nothing was sent. Give keys that must be used together the same hash tag, e.g. {@code {user:1}:name} and
 * {@code {user:1}:email}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisCrossSlotException extends RedisException {

    private static final long serialVersionUID = 1L;

    private final List<Integer> slots;

    /**
     * Creates the exception.
     *
     * @param command the command's name
     * @param slots the distinct slots its keys hash to, in key order
     */
    public RedisCrossSlotException(String command, List<Integer> slots) {
        super("CROSSSLOT: the keys of " + command + " hash to slots " + slots + " of the cluster; one command's "
                + "keys must share a slot (use a hash tag such as {user:1}); nothing was sent");
        this.slots = List.copyOf(slots);
    }

    /**
     * Returns the slots the command's keys hash to.
     *
     * @return the distinct slots, in key order
     */
    public List<Integer> slots() {
        return slots;
    }
}
