package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.GeoAddArgs;
import io.respkit.commands.GeoCoordinates;
import io.respkit.commands.GeoResult;
import io.respkit.commands.GeoSearchArgs;
import io.respkit.commands.GeoUnit;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Definitions of the geo commands ({@code GEOADD}, {@code GEODIST}, {@code GEOHASH}, {@code GEOPOS},
 * {@code GEOSEARCH}, {@code GEOSEARCHSTORE} and the deprecated {@code GEORADIUS} family), shared by the synchronous,
 * pipeline, transaction and async APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class GeoDefs {

    private GeoDefs() {
    }

    /** GEOADD key [NX|XX] [CH] longitude latitude member [...]. */
    public static <V> Command<Long> geoadd(RedisCodec<V> c, String key, Map<V, GeoCoordinates> members,
            GeoAddArgs args) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("GEOADD needs at least one member");
        }
        Command<Long> cmd = Command.create(c, GeoSpecs.GEOADD, Decoders.integer(), 5 + 3 * members.size())
                .key(key);
        args.appendTo(cmd);
        for (Map.Entry<V, GeoCoordinates> e : members.entrySet()) {
            cmd.arg(e.getValue().longitude()).arg(e.getValue().latitude()).value(e.getKey());
        }
        return cmd;
    }

    /** GEODIST key member1 member2 unit: null when either member is missing. */
    public static <V> Command<Double> geodist(RedisCodec<V> c, String key, V member1, V member2, GeoUnit unit) {
        return Command.create(c, GeoSpecs.GEODIST, Decoders.doubleValue(), 5).key(key).value(member1)
                .value(member2).arg(unit.name());
    }

    /** GEOHASH key [member ...]: null for missing members. */
    public static <V> Command<List<String>> geohash(RedisCodec<V> c, String key, Collection<? extends V> members) {
        return Command.create(c, GeoSpecs.GEOHASH, Decoders.stringList(), 2 + members.size()).key(key)
                .values(members);
    }

    /** GEOPOS key [member ...]: null for missing members. */
    public static <V> Command<List<GeoCoordinates>> geopos(RedisCodec<V> c, String key,
            Collection<? extends V> members) {
        return Command.create(c, GeoSpecs.GEOPOS, GeoDecoders.positions(), 2 + members.size()).key(key)
                .values(members);
    }

    /** GEOSEARCH key FROMMEMBER|FROMLONLAT BYRADIUS|BYBOX [ASC|DESC] [COUNT n [ANY]] [WITHCOORD|WITHDIST|WITHHASH]. */
    public static <V> Command<List<GeoResult<V>>> geosearch(RedisCodec<V> c, String key, GeoSearchArgs args) {
        Command<List<GeoResult<V>>> cmd = Command.create(c, GeoSpecs.GEOSEARCH, GeoDecoders.<V>results(args))
                .key(key);
        args.appendTo(cmd);
        return cmd;
    }

    /** GEOSEARCHSTORE destination source FROM... BY... [ASC|DESC] [COUNT n [ANY]] [STOREDIST]. */
    public static Command<Long> geosearchstore(RedisCodec<?> c, String destination, String source,
            GeoSearchArgs args, boolean storeDist) {
        if (args.hasWithOptions()) {
            throw new IllegalArgumentException("GEOSEARCHSTORE does not take WITHCOORD, WITHDIST or WITHHASH");
        }
        Command<Long> cmd = Command.create(c, GeoSpecs.GEOSEARCHSTORE, Decoders.integer()).key(destination)
                .key(source);
        args.appendTo(cmd);
        return storeDist ? cmd.arg("STOREDIST") : cmd;
    }

    /** GEORADIUS key longitude latitude radius unit [WITH...] [COUNT n [ANY]] [ASC|DESC] (deprecated). */
    public static <V> Command<List<GeoResult<V>>> georadius(RedisCodec<V> c, String key, GeoSearchArgs args) {
        return radius(Command.create(c, GeoSpecs.GEORADIUS, GeoDecoders.<V>results(args)), key, args, false);
    }

    /** GEORADIUS_RO key longitude latitude radius unit [WITH...] [COUNT n [ANY]] [ASC|DESC] (deprecated). */
    public static <V> Command<List<GeoResult<V>>> georadiusRo(RedisCodec<V> c, String key, GeoSearchArgs args) {
        return radius(Command.create(c, GeoSpecs.GEORADIUS_RO, GeoDecoders.<V>results(args)), key, args, false);
    }

    /** GEORADIUSBYMEMBER key member radius unit [WITH...] [COUNT n [ANY]] [ASC|DESC] (deprecated). */
    public static <V> Command<List<GeoResult<V>>> georadiusbymember(RedisCodec<V> c, String key,
            GeoSearchArgs args) {
        return radius(Command.create(c, GeoSpecs.GEORADIUSBYMEMBER, GeoDecoders.<V>results(args)), key, args, true);
    }

    /** GEORADIUSBYMEMBER_RO key member radius unit [WITH...] [COUNT n [ANY]] [ASC|DESC] (deprecated). */
    public static <V> Command<List<GeoResult<V>>> georadiusbymemberRo(RedisCodec<V> c, String key,
            GeoSearchArgs args) {
        return radius(Command.create(c, GeoSpecs.GEORADIUSBYMEMBER_RO, GeoDecoders.<V>results(args)), key, args,
                true);
    }

    /** GEORADIUS key longitude latitude radius unit [COUNT n [ANY]] [ASC|DESC] STORE|STOREDIST dest (deprecated). */
    public static Command<Long> georadiusStore(RedisCodec<?> c, String key, GeoSearchArgs args, String destination,
            boolean storeDist) {
        return store(radius(Command.create(c, GeoSpecs.GEORADIUS, Decoders.integer()), key, args, false), args,
                destination, storeDist);
    }

    /** GEORADIUSBYMEMBER key member radius unit [COUNT n [ANY]] [ASC|DESC] STORE|STOREDIST dest (deprecated). */
    public static Command<Long> georadiusbymemberStore(RedisCodec<?> c, String key, GeoSearchArgs args,
            String destination, boolean storeDist) {
        return store(radius(Command.create(c, GeoSpecs.GEORADIUSBYMEMBER, Decoders.integer()), key, args, true), args,
                destination, storeDist);
    }

    private static Command<Long> store(Command<Long> cmd, GeoSearchArgs args, String destination,
            boolean storeDist) {
        if (args.hasWithOptions()) {
            throw new IllegalArgumentException(cmd.name() + " ... STORE does not take WITHCOORD, WITHDIST or WITHHASH");
        }
        return cmd.arg(storeDist ? "STOREDIST" : "STORE").key(destination);
    }

    /** The GEORADIUS family's layout: centre, radius and unit, WITH options, COUNT, order. */
    private static <T> Command<T> radius(Command<T> cmd, String key, GeoSearchArgs args, boolean byMember) {
        if (args.box()) {
            throw new IllegalArgumentException(cmd.name() + " searches a radius, not a box: use GEOSEARCH");
        }
        if (byMember != (args.member() != null)) {
            throw new IllegalArgumentException(cmd.name() + (byMember ? " needs a centre member (fromMember)"
                    : " needs a centre position (fromLonLat)"));
        }
        cmd.key(key);
        if (byMember) {
            cmd.value(args.member());
        } else {
            cmd.arg(args.center().longitude()).arg(args.center().latitude());
        }
        cmd.arg(args.radius()).arg(args.unit().name());
        args.appendWithOptions(cmd);
        args.appendOrderAndCount(cmd);
        return cmd;
    }
}
