package io.respkit.commands;

/**
 * An inclusive range of hash slots, as {@code CLUSTER ADDSLOTSRANGE} and {@code DELSLOTSRANGE} take them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the first slot, 0 to 16383
 * @param end the last slot, {@code start} to 16383
 */
public record SlotRange(int start, int end) {

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when a bound is outside 0 to 16383 or {@code start > end}
     */
    public SlotRange {
        if (start < 0 || end > 16383 || start > end) {
            throw new IllegalArgumentException("slot range must lie within 0 to 16383, start <= end: " + start + "-"
                    + end);
        }
    }

    /**
     * Returns the range of one slot.
     *
     * @param slot the slot, 0 to 16383
     * @return the range {@code slot-slot}
     * @throws IllegalArgumentException when the slot is out of range
     */
    public static SlotRange of(int slot) {
        return new SlotRange(slot, slot);
    }
}
