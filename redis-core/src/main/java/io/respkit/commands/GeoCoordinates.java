package io.respkit.commands;

/**
 * A position on the geo index: longitude and latitude in degrees (WGS 84), within the range the server accepts
 * (longitude -180 to 180, latitude -85.05112878 to 85.05112878, the limits of the Web Mercator projection).
 *
 * <p>Immutable and thread-safe.
 *
 * @param longitude degrees east, -180 to 180
 * @param latitude degrees north, -85.05112878 to 85.05112878
 */
public record GeoCoordinates(double longitude, double latitude) {

    /** The lowest latitude the server indexes. */
    public static final double MIN_LATITUDE = -85.05112878;
    /** The highest latitude the server indexes. */
    public static final double MAX_LATITUDE = 85.05112878;

    /**
     * Validates the pair, as the server would.
     *
     * @throws IllegalArgumentException when the longitude is outside -180..180 or the latitude outside
     *         -85.05112878..85.05112878 (NaN included)
     */
    public GeoCoordinates {
        if (!(longitude >= -180 && longitude <= 180) || !(latitude >= MIN_LATITUDE && latitude <= MAX_LATITUDE)) {
            throw new IllegalArgumentException("invalid longitude,latitude pair " + longitude + "," + latitude
                    + ": longitude must be within -180..180, latitude within -85.05112878..85.05112878");
        }
    }

    /**
     * Returns a position.
     *
     * @param longitude degrees east, -180 to 180
     * @param latitude degrees north, -85.05112878 to 85.05112878
     * @return the position
     * @throws IllegalArgumentException when either is out of range
     */
    public static GeoCoordinates of(double longitude, double latitude) {
        return new GeoCoordinates(longitude, latitude);
    }
}
