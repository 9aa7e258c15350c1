package io.respkit.internal.server;

import java.util.Arrays;
import java.util.Objects;

/**
 * Which arguments of a command are keys, as far as the command table can tell without asking the server: the
 * positions themselves, "ask the server" ({@code COMMAND GETKEYS}) when the key specs cannot be resolved from the
 * arguments, or "unknown command" when the table has nothing on it. Immutable and thread-safe.
 */
public sealed interface KeyPositions {

    /**
     * The key positions, found from the arguments alone. Immutable and thread-safe.
     *
     * @param positions the argument positions of the keys, in the order the server's {@code COMMAND GETKEYS} lists
     *        them (position 0 is the command name); empty for a command without keys
     */
    record Found(int[] positions) implements KeyPositions {

        /** No keys. */
        public static final Found NONE = new Found(new int[0]);

        /**
         * Copies the positions.
         *
         * @throws NullPointerException when {@code positions} is null
         */
        public Found {
            positions = positions.clone();
        }

        /**
         * Returns a copy of the positions.
         *
         * @return the positions
         */
        @Override
        public int[] positions() {
            return positions.clone();
        }

        /**
         * Returns the number of keys.
         *
         * @return the count, 0 for none
         */
        public int count() {
            return positions.length;
        }

        /**
         * Returns the argument position of key {@code i}.
         *
         * @param i the key's index
         * @return its argument position
         * @throws ArrayIndexOutOfBoundsException when {@code i} is not below {@link #count()}
         */
        public int position(int i) {
            return positions[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Found f && Arrays.equals(positions, f.positions);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(positions);
        }

        @Override
        public String toString() {
            return "Found" + Arrays.toString(positions);
        }
    }

    /**
     * The keys depend on more than the key specs say: only {@code COMMAND GETKEYS} with these arguments can find
     * them (an {@code unknown} or {@code incomplete} spec, {@code movablekeys} without specs, or arguments the specs
     * cannot be applied to, such as a {@code numkeys} that is not a number). Immutable and thread-safe.
     *
     * @param reason why, for logs; never contains arguments
     */
    record AskServer(String reason) implements KeyPositions {

        /**
         * Checks the reason.
         *
         * @throws NullPointerException when the reason is null
         */
        public AskServer {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The table has nothing on the command: the server does not know it, or could not be asked (too old,
     * {@code COMMAND} renamed or not permitted, not reachable). Immutable and thread-safe.
     */
    record UnknownCommand() implements KeyPositions {

        /** The one instance needed. */
        public static final UnknownCommand INSTANCE = new UnknownCommand();
    }
}
