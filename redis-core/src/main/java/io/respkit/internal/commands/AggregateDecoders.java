package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.KeyValue;
import io.respkit.commands.KeyValues;
import io.respkit.commands.ScoredValue;
import io.respkit.protocol.AttributedReply;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespSet;
import io.respkit.protocol.VerbatimString;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decoders for aggregate replies (maps, scored members, key/value pairs, whole reply trees), accepting both the
 * RESP2 and the RESP3 shape; {@link Decoders} exposes them.
 *
 * <p>Stateless and thread-safe.
 */
final class AggregateDecoders {

    private AggregateDecoders() {
    }

    static Map<String, Object> valueMap(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return Collections.emptyMap();
        }
        List<Object> items = Decoders.elements(reply);
        if (items.size() % 2 != 0) {
            throw Decoders.shape("map", reply);
        }
        Map<String, Object> out = new LinkedHashMap<>(Math.max(16, items.size() * 2 / 3 + 1));
        for (int i = 0; i < items.size(); i += 2) {
            Object v = items.get(i + 1);
            out.put(Names.strict(items.get(i), codec.charset()), v == null ? null : Decoders.value(v, codec));
        }
        return out;
    }


    static List<Object> scoredList(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return Collections.emptyList();
        }
        List<Object> items = Decoders.elements(reply);
        if (!items.isEmpty() && isAggregate(items.get(0))) {
            // RESP3: an array of [member, score] pairs
            List<Object> out = new ArrayList<>(items.size());
            for (Object pair : items) {
                out.add(scoredValue(pair, codec));
            }
            return out;
        }
        if (items.size() % 2 != 0) {
            throw Decoders.shape("member/score list", reply);
        }
        List<Object> out = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            out.add(new ScoredValue<>(Decoders.value(items.get(i), codec), Decoders.toDouble(items.get(i + 1))));
        }
        return out;
    }


    static ScoredValue<Object> scoredValue(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return null;
        }
        List<Object> pair = Decoders.elements(reply);
        if (pair.isEmpty()) {
            return null;
        }
        if (pair.size() == 1 && isAggregate(pair.get(0))) {
            return scoredValue(pair.get(0), codec);
        }
        if (pair.size() != 2) {
            throw Decoders.shape("member/score pair", reply);
        }
        return new ScoredValue<>(Decoders.value(pair.get(0), codec), Decoders.toDouble(pair.get(1)));
    }


    static KeyValue<Object> keyValue(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return null;
        }
        List<Object> pair = Decoders.elements(reply);
        if (pair.size() != 2) {
            throw Decoders.shape("key/value pair", reply);
        }
        return new KeyValue<>(Names.strict(pair.get(0), codec.charset()), Decoders.value(pair.get(1), codec));
    }


    static KeyValues<Object> keyValues(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return null;
        }
        List<Object> pair = Decoders.elements(reply);
        if (pair.size() != 2) {
            throw Decoders.shape("key/values pair", reply);
        }
        return new KeyValues<>(Names.strict(pair.get(0), codec.charset()), Decoders.valueList(pair.get(1), codec));
    }


    static KeyValue<ScoredValue<Object>> keyScoredValue(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return null;
        }
        List<Object> triple = Decoders.elements(reply);
        if (triple.size() != 3) {
            throw Decoders.shape("key/member/score triple", reply);
        }
        return new KeyValue<>(Names.strict(triple.get(0), codec.charset()),
                new ScoredValue<>(Decoders.value(triple.get(1), codec), Decoders.toDouble(triple.get(2))));
    }

    static Object decodeTree(Object reply, RedisCodec<?> codec) {
        if (reply == null || reply instanceof Long || reply instanceof Double || reply instanceof Boolean
                || reply instanceof BigInteger || reply instanceof ErrorReply) {
            return reply;
        }
        if (reply instanceof byte[] || reply instanceof VerbatimString) {
            return Decoders.value(reply, codec);
        }
        if (reply instanceof String) {
            return reply;
        }
        if (reply instanceof RespMap map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < map.size(); i++) {
                out.put(AggregateDecoders.decodeTree(map.key(i), codec), AggregateDecoders.decodeTree(map.value(i), codec));
            }
            return out;
        }
        if (reply instanceof RespSet set) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object o : set.elements()) {
                out.add(AggregateDecoders.decodeTree(o, codec));
            }
            return out;
        }
        if (reply instanceof AttributedReply a) {
            return AggregateDecoders.decodeTree(a.value(), codec);
        }
        List<Object> items = Decoders.elements(reply);
        List<Object> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(AggregateDecoders.decodeTree(o, codec));
        }
        return out;
    }


    static boolean isAggregate(Object o) {
        return o instanceof List || o instanceof RespSet || o instanceof RespMap;
    }
}
