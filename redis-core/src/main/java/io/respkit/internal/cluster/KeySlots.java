package io.respkit.internal.cluster;

import io.respkit.commands.Command;
import io.respkit.internal.commands.CommandSpecs;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash slots of a command's keys, from their argument positions; {@code PUBLISH}, which has none, goes by its
 * channel's slot, so that one channel's messages always pass through one node and keep their order.
 *
 * <p>Stateless and thread-safe.
 */
final class KeySlots {

    /** The command has no keys. */
    static final int NONE = -1;
    /** The keys hash to more than one slot. */
    static final int CROSS = -2;

    private KeySlots() {
    }

    /**
     * Returns the one slot all the keys hash to.
     *
     * @param command the command
     * @param positions its keys' argument positions
     * @return the slot, {@link #NONE} without keys, {@link #CROSS} when they disagree
     */
    static int slot(Command<?> command, int[] positions) {
        if (positions.length == 0 && command.spec() == CommandSpecs.PUBLISH && command.argumentCount() > 1) {
            // keyless, but one channel's messages must keep their order: always through its slot's node
            return slotOf(command, 1);
        }
        int slot = NONE;
        for (int p : positions) {
            int s = slotOf(command, p);
            if (slot == NONE) {
                slot = s;
            } else if (s != slot) {
                return CROSS;
            }
        }
        return slot;
    }

    /** The distinct slots of the keys, in key order, for messages. */
    static List<Integer> distinct(Command<?> command, int[] positions) {
        List<Integer> out = new ArrayList<>();
        for (int p : positions) {
            int s = slotOf(command, p);
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static int slotOf(Command<?> command, int position) {
        Object arg = command.argument(position);
        Charset charset = command.codec().charset();
        if (arg instanceof String s) {
            return SlotHash.slot(s, charset);
        }
        if (arg instanceof byte[] b) {
            return SlotHash.slot(b);
        }
        return SlotHash.slot(command.argumentText(position), charset);
    }
}
