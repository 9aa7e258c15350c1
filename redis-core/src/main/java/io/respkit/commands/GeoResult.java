package io.respkit.commands;

/**
 * One member found by {@code GEOSEARCH} (or the deprecated {@code GEORADIUS} family), with what was asked for:
 * its distance from the centre ({@code WITHDIST}), its raw 52-bit geohash ({@code WITHHASH}) and its position
 * ({@code WITHCOORD}); each is {@code null} when not asked for.
 *
 * <p>Immutable and thread-safe when the member is.
 *
 * @param member the member
 * @param distance its distance from the centre, in the search's unit, or {@code null}
 * @param hash its geohash as a 52-bit integer, or {@code null}
 * @param coordinates its position, or {@code null}
 * @param <V> the value type
 */
public record GeoResult<V>(V member, Double distance, Long hash, GeoCoordinates coordinates) {

    /**
     * Returns a result holding only the member.
     *
     * @param member the member
     * @param <V> the value type
     * @return the result
     */
    public static <V> GeoResult<V> of(V member) {
        return new GeoResult<>(member, null, null, null);
    }
}
