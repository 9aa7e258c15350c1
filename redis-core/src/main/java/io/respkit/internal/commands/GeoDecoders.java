package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.GeoCoordinates;
import io.respkit.commands.GeoResult;
import io.respkit.commands.GeoSearchArgs;
import io.respkit.commands.ReplyDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Reply decoders of the geo commands. Positions come as two bulk strings in RESP2 and two doubles in RESP3, geohashes
 * as integers in both; both shapes decode to the same values.
 *
 * <p>Stateless and thread-safe; the decoders are shared singletons.
 */
public final class GeoDecoders {

    private static final int WITH_DIST = 1;
    private static final int WITH_HASH = 2;
    private static final int WITH_COORD = 4;

    private static final ReplyDecoder<List<GeoCoordinates>> POSITIONS = (r, c) -> positions(r);
    /** One search decoder per combination of WITHDIST/WITHHASH/WITHCOORD, indexed by the bits above. */
    private static final ReplyDecoder<?>[] SEARCH = new ReplyDecoder<?>[8];

    static {
        for (int mask = 0; mask < SEARCH.length; mask++) {
            int with = mask;
            SEARCH[mask] = (ReplyDecoder<List<GeoResult<Object>>>) (r, c) -> results(r, c, with);
        }
    }

    private GeoDecoders() {
    }

    /** @return a list of positions, {@code null} for members that are missing */
    public static ReplyDecoder<List<GeoCoordinates>> positions() {
        return POSITIONS;
    }

    /**
     * Returns the decoder of a search's results, which depends on what the search asked to return.
     *
     * @param args the search
     * @param <V> the value type
     * @return the decoder
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<List<GeoResult<V>>> results(GeoSearchArgs args) {
        int mask = (args.includeDist() ? WITH_DIST : 0) | (args.includeHash() ? WITH_HASH : 0)
                | (args.includeCoord() ? WITH_COORD : 0);
        return (ReplyDecoder<List<GeoResult<V>>>) SEARCH[mask];
    }

    private static List<GeoCoordinates> positions(Object reply) {
        List<Object> items = Decoders.elements(reply);
        List<GeoCoordinates> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(item == null ? null : position(item));
        }
        return out;
    }

    private static GeoCoordinates position(Object reply) {
        List<Object> pair = Decoders.elements(reply);
        if (pair.size() != 2) {
            throw Decoders.shape("[longitude, latitude]", reply);
        }
        return new GeoCoordinates(Decoders.toDouble(pair.get(0)), Decoders.toDouble(pair.get(1)));
    }

    private static List<GeoResult<Object>> results(Object reply, RedisCodec<?> codec, int with) {
        List<Object> items = Decoders.elements(reply);
        List<GeoResult<Object>> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(with == 0 ? GeoResult.of(Decoders.value(item, codec)) : result(item, codec, with));
        }
        return out;
    }

    /** [member, distance?, hash?, [lon, lat]?], in this order whatever the order of the WITH... options. */
    private static GeoResult<Object> result(Object reply, RedisCodec<?> codec, int with) {
        List<Object> parts = Decoders.elements(reply);
        int expected = 1 + Integer.bitCount(with);
        if (parts.size() != expected) {
            throw Decoders.shape("a geo result of " + expected + " parts", reply);
        }
        int i = 1;
        Double distance = (with & WITH_DIST) != 0 ? Decoders.toDouble(parts.get(i++)) : null;
        Long hash = (with & WITH_HASH) != 0 ? Decoders.toLong(parts.get(i++)) : null;
        GeoCoordinates coordinates = (with & WITH_COORD) != 0 ? position(parts.get(i)) : null;
        return new GeoResult<>(Decoders.value(parts.get(0), codec), distance, hash, coordinates);
    }
}
