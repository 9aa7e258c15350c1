package io.respkit.commands;

import io.respkit.internal.commands.GeoDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Synchronous geo commands: members of a sorted set indexed by position. Each method is defined once in
 * {@code io.respkit.internal.commands.GeoDefs} and runs through {@link #execute(Command)}. A geo set is a sorted set
 * (scores are geohashes), so {@code ZREM}, {@code ZCARD} and {@code ZRANGE} work on it too.
 *
 * <pre>{@code
 * redis.geoadd("sicily", 13.361389, 38.115556, "Palermo");
 * redis.geoadd("sicily", Map.of("Catania", GeoCoordinates.of(15.087269, 37.502669)));
 * redis.geodist("sicily", "Palermo", "Catania", GeoUnit.KM);                   // 166.2742
 * redis.geosearch("sicily", GeoSearchArgs.fromLonLat(15, 37).byRadius(200, GeoUnit.KM).asc().withDist());
 *                                                     // [GeoResult[Catania, 56.4413, ...], GeoResult[Palermo, ...]]
 * }</pre>
 *
 * <p>The {@code GEORADIUS} family is deprecated by the server since Redis 6.2 and typed here for code that still uses
 * it: {@code georadius*} methods take the same {@link GeoSearchArgs}, with a radius, and {@code georadius*Store}
 * send the {@code STORE}/{@code STOREDIST} forms. New code uses {@link #geosearch(String, GeoSearchArgs)} and
 * {@link #geosearchstore(String, String, GeoSearchArgs, boolean)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when the key
 * holds a value that is not a sorted set, and {@link io.respkit.exceptions.RedisConnectionException} when the
 * connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Geo commands")
public interface GeoCommands<V> extends BaseCommands<V> {

    /**
     * Adds or moves one member of the geo set at {@code key} ({@code GEOADD}).
     *
     * @param key the key
     * @param longitude degrees east, -180 to 180
     * @param latitude degrees north, -85.05112878 to 85.05112878
     * @param member the member
     * @return 1 when the member was added, 0 when it existed (and was moved)
     * @throws IllegalArgumentException when a coordinate is out of range
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long geoadd(String key, double longitude, double latitude, V member) {
        return execute(GeoDefs.geoadd(codec(), key, Map.of(member, new GeoCoordinates(longitude, latitude)),
                GeoAddArgs.NONE));
    }

    /**
     * Adds or moves members of the geo set at {@code key} ({@code GEOADD}).
     *
     * @param key the key
     * @param members the members and their positions, in iteration order
     * @return the number of members added (not those moved)
     * @throws IllegalArgumentException when no member is given
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long geoadd(String key, Map<V, GeoCoordinates> members) {
        return execute(GeoDefs.geoadd(codec(), key, members, GeoAddArgs.NONE));
    }

    /**
     * Adds or moves members of the geo set at {@code key} with options ({@code GEOADD [NX|XX] [CH]}).
     *
     * @param key the key
     * @param members the members and their positions, in iteration order
     * @param args {@code NX} (add only), {@code XX} (move only), {@code CH} (count moved members too)
     * @return the number of members added, or with {@code CH} added or moved
     * @throws IllegalArgumentException when no member is given
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long geoadd(String key, Map<V, GeoCoordinates> members, GeoAddArgs args) {
        return execute(GeoDefs.geoadd(codec(), key, members, args));
    }

    /**
     * Returns the distance in metres between two members ({@code GEODIST}).
     *
     * @param key the key
     * @param member1 one member
     * @param member2 the other member
     * @return the distance in metres, or {@code null} when either member (or the key) is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default Double geodist(String key, V member1, V member2) {
        return execute(GeoDefs.geodist(codec(), key, member1, member2, GeoUnit.M));
    }

    /**
     * Returns the distance between two members in {@code unit} ({@code GEODIST ... unit}).
     *
     * @param key the key
     * @param member1 one member
     * @param member2 the other member
     * @param unit the unit of the result
     * @return the distance, or {@code null} when either member (or the key) is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default Double geodist(String key, V member1, V member2, GeoUnit unit) {
        return execute(GeoDefs.geodist(codec(), key, member1, member2, unit));
    }

    /**
     * Returns the 11-character geohash strings of members ({@code GEOHASH}), as geohash.org spells them.
     *
     * @param key the key
     * @param members the members
     * @return one geohash per member, in order, {@code null} for missing members
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default List<String> geohash(String key, V... members) {
        return geohash(key, Arrays.asList(members));
    }

    /**
     * Returns the geohash strings of members ({@code GEOHASH}); see {@link #geohash(String, Object[])}.
     *
     * @param key the key
     * @param members the members
     * @return one geohash per member, in order, {@code null} for missing members
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default List<String> geohash(String key, Collection<? extends V> members) {
        return execute(GeoDefs.geohash(codec(), key, members));
    }

    /**
     * Returns the positions of members ({@code GEOPOS}), as stored: within about a metre of what was added.
     *
     * @param key the key
     * @param members the members
     * @return one position per member, in order, {@code null} for missing members
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default List<GeoCoordinates> geopos(String key, V... members) {
        return geopos(key, Arrays.asList(members));
    }

    /**
     * Returns the positions of members ({@code GEOPOS}); see {@link #geopos(String, Object[])}.
     *
     * @param key the key
     * @param members the members
     * @return one position per member, in order, {@code null} for missing members
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default List<GeoCoordinates> geopos(String key, Collection<? extends V> members) {
        return execute(GeoDefs.geopos(codec(), key, members));
    }

    /**
     * Returns the members within a circle or box around a member or a position ({@code GEOSEARCH}).
     *
     * @param key the key
     * @param args the centre, the shape, and the order, count and {@code WITH...} options
     * @return the members found, each with what {@code args} asked for; empty when the key is missing
     * @throws io.respkit.exceptions.RedisServerException when the centre member is not in the set, or
     *         {@code WRONGTYPE}
     */
    default List<GeoResult<V>> geosearch(String key, GeoSearchArgs args) {
        return execute(GeoDefs.geosearch(codec(), key, args));
    }

    /**
     * Stores in {@code destination} the members of {@code source} within a circle or box ({@code GEOSEARCHSTORE}),
     * as a geo set.
     *
     * @param destination the key to write (replaced; deleted when nothing is found)
     * @param source the geo set to search
     * @param args the centre, the shape, and the order and count; no {@code WITH...} options
     * @return the number of members stored
     * @throws IllegalArgumentException when {@code args} has {@code WITH...} options
     * @throws io.respkit.exceptions.RedisServerException when the centre member is not in the set, or
     *         {@code WRONGTYPE}
     */
    default long geosearchstore(String destination, String source, GeoSearchArgs args) {
        return execute(GeoDefs.geosearchstore(codec(), destination, source, args, false));
    }

    /**
     * Stores in {@code destination} the members of {@code source} within a circle or box ({@code GEOSEARCHSTORE}):
     * as a geo set, or with {@code storeDist} as a sorted set scored by distance from the centre
     * ({@code STOREDIST}).
     *
     * @param destination the key to write (replaced; deleted when nothing is found)
     * @param source the geo set to search
     * @param args the centre, the shape, and the order and count; no {@code WITH...} options
     * @param storeDist store distances (in the search's unit) as scores instead of positions
     * @return the number of members stored
     * @throws IllegalArgumentException when {@code args} has {@code WITH...} options
     * @throws io.respkit.exceptions.RedisServerException when the centre member is not in the set, or
     *         {@code WRONGTYPE}
     */
    default long geosearchstore(String destination, String source, GeoSearchArgs args, boolean storeDist) {
        return execute(GeoDefs.geosearchstore(codec(), destination, source, args, storeDist));
    }

    /**
     * Returns the members within a radius of a position ({@code GEORADIUS}).
     *
     * @param key the key
     * @param args a search {@link GeoSearchArgs#fromLonLat(double, double) from a position}
     *        {@link GeoSearchArgs.Center#byRadius by radius}, with any order, count and {@code WITH...} options
     * @return the members found, each with what {@code args} asked for
     * @throws IllegalArgumentException when {@code args} is from a member or by box
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     * @deprecated {@code GEORADIUS} is deprecated since Redis 6.2: use {@link #geosearch(String, GeoSearchArgs)}
     */
    @Deprecated
    default List<GeoResult<V>> georadius(String key, GeoSearchArgs args) {
        return execute(GeoDefs.georadius(codec(), key, args));
    }

    /**
     * Returns the members within a radius of a position ({@code GEORADIUS_RO}, the read-only variant replicas
     * accept).
     *
     * @param key the key
     * @param args a search from a position by radius, with any order, count and {@code WITH...} options
     * @return the members found, each with what {@code args} asked for
     * @throws IllegalArgumentException when {@code args} is from a member or by box
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     * @deprecated {@code GEORADIUS_RO} is deprecated since Redis 6.2: use
     *             {@link #geosearch(String, GeoSearchArgs)}
     */
    @Deprecated
    default List<GeoResult<V>> georadiusRo(String key, GeoSearchArgs args) {
        return execute(GeoDefs.georadiusRo(codec(), key, args));
    }

    /**
     * Returns the members within a radius of a member ({@code GEORADIUSBYMEMBER}).
     *
     * @param key the key
     * @param args a search {@link GeoSearchArgs#fromMember(Object) from a member} by radius, with any order, count
     *        and {@code WITH...} options
     * @return the members found, the centre member included, each with what {@code args} asked for
     * @throws IllegalArgumentException when {@code args} is from a position or by box
     * @throws io.respkit.exceptions.RedisServerException when the centre member is not in the set, or
     *         {@code WRONGTYPE}
     * @deprecated {@code GEORADIUSBYMEMBER} is deprecated since Redis 6.2: use
     *             {@link #geosearch(String, GeoSearchArgs)}
     */
    @Deprecated
    default List<GeoResult<V>> georadiusbymember(String key, GeoSearchArgs args) {
        return execute(GeoDefs.georadiusbymember(codec(), key, args));
    }

    /**
     * Returns the members within a radius of a member ({@code GEORADIUSBYMEMBER_RO}, the read-only variant replicas
     * accept).
     *
     * @param key the key
     * @param args a search from a member by radius, with any order, count and {@code WITH...} options
     * @return the members found, the centre member included, each with what {@code args} asked for
     * @throws IllegalArgumentException when {@code args} is from a position or by box
     * @throws io.respkit.exceptions.RedisServerException when the centre member is not in the set, or
     *         {@code WRONGTYPE}
     * @deprecated {@code GEORADIUSBYMEMBER_RO} is deprecated since Redis 6.2: use
     *             {@link #geosearch(String, GeoSearchArgs)}
     */
    @Deprecated
    default List<GeoResult<V>> georadiusbymemberRo(String key, GeoSearchArgs args) {
        return execute(GeoDefs.georadiusbymemberRo(codec(), key, args));
    }

    /**
     * Stores the members within a radius of a position in {@code destination} ({@code GEORADIUS ... STORE}, or
     * {@code STOREDIST} for a sorted set scored by distance).
     *
     * @param key the geo set to search
     * @param args a search from a position by radius, with any order and count; no {@code WITH...} options
     * @param destination the key to write (replaced; deleted when nothing is found)
     * @param storeDist store distances (in the search's unit) as scores instead of positions
     * @return the number of members stored
     * @throws IllegalArgumentException when {@code args} is from a member, by box, or has {@code WITH...} options
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     * @deprecated {@code GEORADIUS} is deprecated since Redis 6.2: use
     *             {@link #geosearchstore(String, String, GeoSearchArgs, boolean)}
     */
    @Deprecated
    default long georadiusStore(String key, GeoSearchArgs args, String destination, boolean storeDist) {
        return execute(GeoDefs.georadiusStore(codec(), key, args, destination, storeDist));
    }

    /**
     * Stores the members within a radius of a member in {@code destination} ({@code GEORADIUSBYMEMBER ... STORE},
     * or {@code STOREDIST} for a sorted set scored by distance).
     *
     * @param key the geo set to search
     * @param args a search from a member by radius, with any order and count; no {@code WITH...} options
     * @param destination the key to write (replaced; deleted when nothing is found)
     * @param storeDist store distances (in the search's unit) as scores instead of positions
     * @return the number of members stored
     * @throws IllegalArgumentException when {@code args} is from a position, by box, or has {@code WITH...} options
     * @throws io.respkit.exceptions.RedisServerException when the centre member is not in the set, or
     *         {@code WRONGTYPE}
     * @deprecated {@code GEORADIUSBYMEMBER} is deprecated since Redis 6.2: use
     *             {@link #geosearchstore(String, String, GeoSearchArgs, boolean)}
     */
    @Deprecated
    default long georadiusbymemberStore(String key, GeoSearchArgs args, String destination, boolean storeDist) {
        return execute(GeoDefs.georadiusbymemberStore(codec(), key, args, destination, storeDist));
    }
}
