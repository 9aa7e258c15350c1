package io.respkit.commands;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where a blocking command's timeout argument is and in which unit: at a fixed {@code position} (counted from
 * the end when negative, {@code -1} being the last argument), or after a {@code token} such as {@code BLOCK}.
 * A token is looked for among the options as XREAD and XREADGROUP lay them out: the two names after {@code GROUP}
 * and everything from {@code STREAMS} on are not options. Immutable and thread-safe.
 *
 * @param position the argument position (0 is the first word of the name), negative to count from the end, 0
 *        when the timeout follows a token
 * @param token the token the timeout follows, or {@code null}
 * @param unit {@link TimeUnit#SECONDS} (decimals allowed) or {@link TimeUnit#MILLISECONDS}
 */
public record BlockTimeout(int position, String token, TimeUnit unit) {

    /**
     * Checks the layout.
     *
     * @param position the argument position, negative from the end, 0 with a token
     * @param token the token the timeout follows, or {@code null}
     * @param unit seconds or milliseconds
     * @throws IllegalArgumentException when neither or both of a position and a token are given, or the unit is
     *         neither seconds nor milliseconds
     * @throws NullPointerException when the unit is null
     */
    public BlockTimeout {
        Objects.requireNonNull(unit, "unit");
        if ((position == 0) == (token == null)) {
            throw new IllegalArgumentException("a timeout has either a position or a token");
        }
        if (unit != TimeUnit.SECONDS && unit != TimeUnit.MILLISECONDS) {
            throw new IllegalArgumentException("a timeout is in seconds or milliseconds");
        }
    }

    /**
     * Returns the block time a command's arguments ask for.
     *
     * @param command the command
     * @return the milliseconds, 0 for forever, -1 when the argument is missing or not a valid timeout (the
     *         command then does not block, or the server refuses it)
     */
    public long millis(Command<?> command) {
        int n = command.argumentCount();
        int at = -1;
        if (token != null) {
            // The token timeouts are XREAD's and XREADGROUP's BLOCK: GROUP's two names may spell the token, and
            // after STREAMS come keys and ids, so neither is taken for the option.
            for (int i = 1; i + 1 < n; i++) {
                String arg = command.argumentText(i);
                if (arg.equalsIgnoreCase(token)) {
                    at = i + 1;
                    break;
                }
                if (arg.equalsIgnoreCase("STREAMS")) {
                    break;
                }
                if (arg.equalsIgnoreCase("GROUP")) {
                    i += 2;
                }
            }
        } else {
            at = position > 0 ? position : n + position;
        }
        if (at < 1 || at >= n) {
            return -1;
        }
        try {
            double value = Double.parseDouble(command.argumentText(at));
            if (!(value >= 0)) {
                return -1; // negative or NaN: the server refuses it
            }
            double millis = unit == TimeUnit.SECONDS ? value * 1000.0 : value;
            return (long) Math.min(Math.ceil(millis), Command.MAX_BLOCK_MILLIS);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
