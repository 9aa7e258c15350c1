package io.respkit.commands;

import java.util.Objects;

/**
 * What {@code GEOSEARCH} and {@code GEOSEARCHSTORE} look for: exactly one centre ({@code FROMMEMBER} or
 * {@code FROMLONLAT}), exactly one shape ({@code BYRADIUS} or {@code BYBOX}), then an optional order
 * ({@code ASC}/{@code DESC}), limit ({@code COUNT n [ANY]}) and what to return with each member ({@code WITHCOORD},
 * {@code WITHDIST}, {@code WITHHASH}). The factories make a centre, and the centre's {@code by...} methods the
 * search, so a search without both cannot be written.
 *
 * <pre>{@code
 * GeoSearchArgs near = GeoSearchArgs.fromLonLat(15, 37).byRadius(200, GeoUnit.KM).asc().count(5).withDist();
 * GeoSearchArgs box = GeoSearchArgs.fromMember("Palermo").byBox(400, 400, GeoUnit.KM);
 * }</pre>
 *
 * <p>Immutable and thread-safe (when the member is); each {@code with...}/{@code asc()}/... returns a new instance.
 *
 * @param member the centre member ({@code FROMMEMBER}), of the client's value type; {@code null} with a centre
 * @param center the centre position ({@code FROMLONLAT}); {@code null} with a member
 * @param box {@code true} for {@code BYBOX width height}, {@code false} for {@code BYRADIUS radius}
 * @param radius the radius, not negative (ignored for a box)
 * @param width the box's width, not negative (ignored for a radius)
 * @param height the box's height, not negative (ignored for a radius)
 * @param unit the unit of the radius or box, and of the distances returned
 * @param order the order of the results by distance
 * @param count at most this many results ({@code COUNT}); 0 for no limit
 * @param any with a count, return as soon as that many are found, not the nearest ones ({@code ANY})
 * @param includeCoord return each member's position ({@code WITHCOORD})
 * @param includeDist return each member's distance from the centre ({@code WITHDIST})
 * @param includeHash return each member's raw geohash ({@code WITHHASH})
 */
public record GeoSearchArgs(Object member, GeoCoordinates center, boolean box, double radius, double width,
        double height, GeoUnit unit, Order order, long count, boolean any, boolean includeCoord,
        boolean includeDist, boolean includeHash) {

    /**
     * Validates the search, as the server would.
     *
     * @throws IllegalArgumentException when there is not exactly one centre, a radius, width or height is negative
     *         or not a number, the count is negative, or {@code ANY} comes without a count
     * @throws NullPointerException when the unit or order is null
     */
    public GeoSearchArgs {
        if ((member == null) == (center == null)) {
            throw new IllegalArgumentException("a geo search needs exactly one centre: a member or a position");
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(order, "order");
        if (box ? !(width >= 0) || !(height >= 0) : !(radius >= 0)) {
            throw new IllegalArgumentException(box ? "the box's width and height cannot be negative: " + width
                    + " x " + height : "the radius cannot be negative: " + radius);
        }
        if (count < 0) {
            throw new IllegalArgumentException("COUNT must be > 0, not " + count);
        }
        if (any && count == 0) {
            throw new IllegalArgumentException("ANY needs a COUNT");
        }
    }

    /**
     * Starts a search around a member of the set ({@code FROMMEMBER}).
     *
     * @param member the member, of the client's value type
     * @return the centre, to give a shape with {@link Center#byRadius} or {@link Center#byBox}
     * @throws NullPointerException when the member is null
     */
    public static Center fromMember(Object member) {
        return new Center(Objects.requireNonNull(member, "member"), null);
    }

    /**
     * Starts a search around a position ({@code FROMLONLAT}).
     *
     * @param longitude degrees east, -180 to 180
     * @param latitude degrees north, -85.05112878 to 85.05112878
     * @return the centre, to give a shape with {@link Center#byRadius} or {@link Center#byBox}
     * @throws IllegalArgumentException when a coordinate is out of range
     */
    public static Center fromLonLat(double longitude, double latitude) {
        return new Center(null, new GeoCoordinates(longitude, latitude));
    }

    /**
     * Starts a search around a position ({@code FROMLONLAT}).
     *
     * @param center the position
     * @return the centre, to give a shape with {@link Center#byRadius} or {@link Center#byBox}
     * @throws NullPointerException when the position is null
     */
    public static Center fromLonLat(GeoCoordinates center) {
        return new Center(null, Objects.requireNonNull(center, "center"));
    }

    /** @return a copy returning the nearest first ({@code ASC}) */
    public GeoSearchArgs asc() {
        return new GeoSearchArgs(member, center, box, radius, width, height, unit, Order.ASC, count, any,
                includeCoord, includeDist, includeHash);
    }

    /** @return a copy returning the farthest first ({@code DESC}) */
    public GeoSearchArgs desc() {
        return new GeoSearchArgs(member, center, box, radius, width, height, unit, Order.DESC, count, any,
                includeCoord, includeDist, includeHash);
    }

    /**
     * Limits the results to the {@code count} nearest ({@code COUNT count}).
     *
     * @param count a positive number
     * @return a copy with the limit
     * @throws IllegalArgumentException when {@code count} is not positive
     */
    public GeoSearchArgs count(long count) {
        return new GeoSearchArgs(member, center, box, radius, width, height, unit, order, positive(count), false,
                includeCoord, includeDist, includeHash);
    }

    /**
     * Limits the results to the first {@code count} found, not necessarily the nearest ({@code COUNT count ANY}):
     * faster on large sets.
     *
     * @param count a positive number
     * @return a copy with the limit
     * @throws IllegalArgumentException when {@code count} is not positive
     */
    public GeoSearchArgs countAny(long count) {
        return new GeoSearchArgs(member, center, box, radius, width, height, unit, order, positive(count), true,
                includeCoord, includeDist, includeHash);
    }

    /** @return a copy returning each member's position ({@code WITHCOORD}) */
    public GeoSearchArgs withCoord() {
        return new GeoSearchArgs(member, center, box, radius, width, height, unit, order, count, any, true,
                includeDist, includeHash);
    }

    /** @return a copy returning each member's distance from the centre ({@code WITHDIST}) */
    public GeoSearchArgs withDist() {
        return new GeoSearchArgs(member, center, box, radius, width, height, unit, order, count, any,
                includeCoord, true, includeHash);
    }

    /** @return a copy returning each member's raw geohash ({@code WITHHASH}) */
    public GeoSearchArgs withHash() {
        return new GeoSearchArgs(member, center, box, radius, width, height, unit, order, count, any, includeCoord,
                includeDist, true);
    }

    /**
     * Tells whether anything is returned with the members, which {@code GEOSEARCHSTORE} does not accept.
     *
     * @return {@code true} with {@code WITHCOORD}, {@code WITHDIST} or {@code WITHHASH}
     */
    public boolean hasWithOptions() {
        return includeCoord || includeDist || includeHash;
    }

    /**
     * Appends the search in {@code GEOSEARCH} order: centre, shape, order, count, then the {@code WITH...} options.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (member != null) {
            command.arg("FROMMEMBER").value(member);
        } else {
            command.arg("FROMLONLAT").arg(center.longitude()).arg(center.latitude());
        }
        if (box) {
            command.arg("BYBOX").arg(width).arg(height).arg(unit.name());
        } else {
            command.arg("BYRADIUS").arg(radius).arg(unit.name());
        }
        appendOrderAndCount(command);
        appendWithOptions(command);
    }

    /**
     * Appends the order and the count ({@code ASC|DESC}, {@code COUNT n [ANY]}), as both {@code GEOSEARCH} and the
     * {@code GEORADIUS} family spell them.
     *
     * @param command the command
     */
    public void appendOrderAndCount(Command<?> command) {
        if (order != Order.NONE) {
            command.arg(order.name());
        }
        if (count > 0) {
            command.arg("COUNT").arg(count);
            if (any) {
                command.arg("ANY");
            }
        }
    }

    /**
     * Appends {@code WITHCOORD}, {@code WITHDIST} and {@code WITHHASH} as asked for.
     *
     * @param command the command
     */
    public void appendWithOptions(Command<?> command) {
        if (includeCoord) {
            command.arg("WITHCOORD");
        }
        if (includeDist) {
            command.arg("WITHDIST");
        }
        if (includeHash) {
            command.arg("WITHHASH");
        }
    }

    private static long positive(long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("COUNT must be > 0, not " + count);
        }
        return count;
    }

    /**
     * The order of geo search results by distance from the centre.
     *
     * <p>Immutable and thread-safe.
     */
    public enum Order {
        /** The server's order (unsorted unless {@code COUNT} is given, which sorts nearest first). */
        NONE,
        /** Nearest first ({@code ASC}). */
        ASC,
        /** Farthest first ({@code DESC}). */
        DESC
    }

    /**
     * The centre of a search, waiting for its shape.
     *
     * <p>Immutable and thread-safe (when the member is).
     *
     * @param member the centre member, or {@code null}
     * @param center the centre position, or {@code null}
     */
    public record Center(Object member, GeoCoordinates center) {

        /**
         * Checks that there is exactly one centre.
         *
         * @throws IllegalArgumentException when both or neither are given
         */
        public Center {
            if ((member == null) == (center == null)) {
                throw new IllegalArgumentException("a geo search needs exactly one centre: a member or a position");
            }
        }

        /**
         * Searches within a circle ({@code BYRADIUS radius unit}).
         *
         * @param radius the radius, not negative
         * @param unit its unit, also that of the distances returned
         * @return the search, unordered, unlimited, members only
         * @throws IllegalArgumentException when the radius is negative
         */
        public GeoSearchArgs byRadius(double radius, GeoUnit unit) {
            return new GeoSearchArgs(member, center, false, radius, 0, 0, unit, Order.NONE, 0, false, false, false,
                    false);
        }

        /**
         * Searches within an axis-aligned rectangle centred on the centre ({@code BYBOX width height unit}).
         *
         * @param width the box's width (east-west), not negative
         * @param height the box's height (north-south), not negative
         * @param unit their unit, also that of the distances returned
         * @return the search, unordered, unlimited, members only
         * @throws IllegalArgumentException when the width or height is negative
         */
        public GeoSearchArgs byBox(double width, double height, GeoUnit unit) {
            return new GeoSearchArgs(member, center, true, 0, width, height, unit, Order.NONE, 0, false, false, false,
                    false);
        }
    }
}
