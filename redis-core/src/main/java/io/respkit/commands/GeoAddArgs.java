package io.respkit.commands;

/**
 * Options of {@code GEOADD}: {@code NX} (only add new members), {@code XX} (only update existing members) and
 * {@code CH} (count changed members, not only added ones, in the reply).
 *
 * <pre>{@code
 * redis.geoadd("shops", Map.of("s1", GeoCoordinates.of(2.35, 48.85)), GeoAddArgs.XX.withCh());  // moved: 1
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with...} method returns a new instance.
 *
 * @param nx only add new members, never update ({@code NX})
 * @param xx only update existing members, never add ({@code XX})
 * @param ch reply with the number of members added or moved instead of only added ({@code CH})
 */
public record GeoAddArgs(boolean nx, boolean xx, boolean ch) {

    /** No options. */
    public static final GeoAddArgs NONE = new GeoAddArgs(false, false, false);
    /** {@code NX}: only add new members. */
    public static final GeoAddArgs NX = new GeoAddArgs(true, false, false);
    /** {@code XX}: only update existing members. */
    public static final GeoAddArgs XX = new GeoAddArgs(false, true, false);
    /** {@code CH}: count moved members too. */
    public static final GeoAddArgs CH = new GeoAddArgs(false, false, true);

    /**
     * Validates the combination, as the server would.
     *
     * @throws IllegalArgumentException when {@code NX} and {@code XX} are combined
     */
    public GeoAddArgs {
        if (nx && xx) {
            throw new IllegalArgumentException("GEOADD NX and XX are mutually exclusive");
        }
    }

    /**
     * @return a copy with {@code NX}
     * @throws IllegalArgumentException when combined with XX
     */
    public GeoAddArgs withNx() {
        return new GeoAddArgs(true, xx, ch);
    }

    /**
     * @return a copy with {@code XX}
     * @throws IllegalArgumentException when combined with NX
     */
    public GeoAddArgs withXx() {
        return new GeoAddArgs(nx, true, ch);
    }

    /** @return a copy with {@code CH} */
    public GeoAddArgs withCh() {
        return new GeoAddArgs(nx, xx, true);
    }

    /**
     * Appends the options to a command, in the order the server expects.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (nx) {
            command.arg("NX");
        }
        if (xx) {
            command.arg("XX");
        }
        if (ch) {
            command.arg("CH");
        }
    }
}
