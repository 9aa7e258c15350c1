package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.KeyValue;
import io.respkit.commands.KeyValues;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.ScanPage;
import io.respkit.commands.ScoredValue;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.protocol.AttributedReply;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespSet;
import io.respkit.protocol.VerbatimString;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared reply decoders. Each accepts both the RESP2 and the RESP3 shape of its reply (a flat array or a map, an
 * array or a set, a bulk string or a double).
 *
 * <p>Stateless and thread-safe; the decoders are shared singletons.
 */
public final class Decoders {

    private Decoders() {
    }

    private static final ReplyDecoder<Object> RAW = (r, c) -> r;
    private static final ReplyDecoder<Object> DECODED = Decoders::decodeTree;
    private static final ReplyDecoder<Object> VALUE = (r, c) -> r == null ? null : value(r, c);
    private static final ReplyDecoder<String> STRING = (r, c) -> r == null ? null : text(r, c.charset());
    private static final ReplyDecoder<Long> LONG = (r, c) -> toLong(r);
    private static final ReplyDecoder<Long> NULLABLE_LONG = (r, c) -> r == null ? null : toLong(r);
    private static final ReplyDecoder<Boolean> BOOLEAN = (r, c) -> toBoolean(r);
    private static final ReplyDecoder<Boolean> OK = (r, c) -> r != null;
    private static final ReplyDecoder<Double> DOUBLE = (r, c) -> r == null ? null : toDouble(r);
    private static final ReplyDecoder<Object> VALUE_LIST = (r, c) -> r == null ? null : valueList(r, c);
    private static final ReplyDecoder<Object> VALUE_LIST_OR_EMPTY =
            (r, c) -> r == null ? Collections.emptyList() : valueList(r, c);
    private static final ReplyDecoder<Object> VALUE_SET = (r, c) -> valueSet(r, c);
    private static final ReplyDecoder<List<String>> STRING_LIST = (r, c) -> stringList(r, c.charset());
    private static final ReplyDecoder<List<Boolean>> BOOLEAN_LIST = (r, c) -> booleanList(r);
    private static final ReplyDecoder<List<Double>> DOUBLE_LIST = (r, c) -> doubleList(r);
    private static final ReplyDecoder<List<Long>> LONG_LIST = (r, c) -> longList(r);
    private static final ReplyDecoder<Object> VALUE_MAP = (r, c) -> AggregateDecoders.valueMap(r, c);
    private static final ReplyDecoder<Object> SCORED_LIST = (r, c) -> AggregateDecoders.scoredList(r, c);
    private static final ReplyDecoder<Object> SCORED_VALUE = (r, c) -> AggregateDecoders.scoredValue(r, c);
    private static final ReplyDecoder<Object> KEY_VALUE = (r, c) -> AggregateDecoders.keyValue(r, c);
    private static final ReplyDecoder<Object> KEY_VALUES = (r, c) -> AggregateDecoders.keyValues(r, c);
    private static final ReplyDecoder<Object> KEY_SCORED_VALUE = (r, c) -> AggregateDecoders.keyScoredValue(r, c);

    /**
     * Returns the charset in which a command's top-level bulk reply may be decoded straight from the read buffer,
     * because its decoder would turn the bytes into exactly that string: {@link #string()} with any codec, and
     * {@link #value()} with {@link StringCodec#UTF8} (whose decoder passes a {@code String} reply through unchanged,
     * see {@link #value(Object, RedisCodec)}).
     *
     * @param decoder the command's decoder
     * @param codec the command's codec
     * @return the charset, or {@code null} when the reply must stay bytes
     */
    public static Charset bulkTextCharset(ReplyDecoder<?> decoder, RedisCodec<?> codec) {
        if (decoder == STRING) {
            return codec.charset();
        }
        return decoder == VALUE && codec == StringCodec.UTF8 ? StandardCharsets.UTF_8 : null;
    }

    /** @return the reply as the reader produced it */
    public static ReplyDecoder<Object> raw() {
        return RAW;
    }

    /** @return the reply tree with bulk strings decoded by the codec, maps as {@link Map}, sets as {@link Set} */
    public static ReplyDecoder<Object> decoded() {
        return DECODED;
    }

    /**
     * @param <V> the value type
     * @return a nullable value decoded by the codec
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<V> value() {
        return (ReplyDecoder<V>) VALUE;
    }

    /** @return a nullable text reply (status or bulk) decoded with the codec's charset */
    public static ReplyDecoder<String> string() {
        return STRING;
    }

    /** @return an integer reply */
    public static ReplyDecoder<Long> integer() {
        return LONG;
    }

    /** @return an integer reply that may be null */
    public static ReplyDecoder<Long> nullableInteger() {
        return NULLABLE_LONG;
    }

    /** @return an integer 1/0 or RESP3 boolean as a boolean */
    public static ReplyDecoder<Boolean> bool() {
        return BOOLEAN;
    }

    /** @return {@code true} for a non-null reply (e.g. OK), {@code false} for null (e.g. SET NX that did not set) */
    public static ReplyDecoder<Boolean> okOrNull() {
        return OK;
    }

    /** @return a nullable double (bulk text in RESP2, double in RESP3) */
    public static ReplyDecoder<Double> doubleValue() {
        return DOUBLE;
    }

    /**
     * @param <V> the value type
     * @return a list of nullable values, or null for a null reply
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<List<V>> valueList() {
        return (ReplyDecoder<List<V>>) (ReplyDecoder<?>) VALUE_LIST;
    }

    /**
     * Returns a decoder for a list of nullable values that yields an empty list for a nil reply.
     *
     * @param <V> the value type
     * @return the decoder
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<List<V>> valueListOrEmpty() {
        return (ReplyDecoder<List<V>>) (ReplyDecoder<?>) VALUE_LIST_OR_EMPTY;
    }

    /**
     * @param <V> the value type
     * @return a set of values in reply order
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<Set<V>> valueSet() {
        return (ReplyDecoder<Set<V>>) (ReplyDecoder<?>) VALUE_SET;
    }

    /** @return a list of texts (keys, fields) */
    public static ReplyDecoder<List<String>> stringList() {
        return STRING_LIST;
    }

    /** @return a list of booleans from 1/0 integers */
    public static ReplyDecoder<List<Boolean>> booleanList() {
        return BOOLEAN_LIST;
    }

    /** @return a list of nullable doubles */
    public static ReplyDecoder<List<Double>> doubleList() {
        return DOUBLE_LIST;
    }

    /** @return a list of nullable integers */
    public static ReplyDecoder<List<Long>> longList() {
        return LONG_LIST;
    }

    /**
     * @param <V> the value type
     * @return a field-to-value map from a flat array or a RESP3 map, in reply order
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<Map<String, V>> valueMap() {
        return (ReplyDecoder<Map<String, V>>) (ReplyDecoder<?>) VALUE_MAP;
    }

    /**
     * @param <V> the value type
     * @return members with scores, from a flat array or an array of pairs
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<List<ScoredValue<V>>> scoredList() {
        return (ReplyDecoder<List<ScoredValue<V>>>) (ReplyDecoder<?>) SCORED_LIST;
    }

    /**
     * @param <V> the value type
     * @return one member with its score, or null
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<ScoredValue<V>> scoredValue() {
        return (ReplyDecoder<ScoredValue<V>>) (ReplyDecoder<?>) SCORED_VALUE;
    }

    /**
     * @param <V> the value type
     * @return a [key, value] pair, or null
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<KeyValue<V>> keyValue() {
        return (ReplyDecoder<KeyValue<V>>) (ReplyDecoder<?>) KEY_VALUE;
    }

    /**
     * @param <V> the value type
     * @return a [key, [values...]] pair, or null
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<KeyValues<V>> keyValues() {
        return (ReplyDecoder<KeyValues<V>>) (ReplyDecoder<?>) KEY_VALUES;
    }

    /**
     * @param <V> the value type
     * @return a [key, member, score] triple (BZPOPMIN/MAX), or null
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<KeyValue<ScoredValue<V>>> keyScoredValue() {
        return (ReplyDecoder<KeyValue<ScoredValue<V>>>) (ReplyDecoder<?>) KEY_SCORED_VALUE;
    }

    /**
     * Builds a decoder for one SCAN-family page.
     *
     * @param items how to decode the page's item array
     * @param <T> the item type
     * @return the page decoder
     */
    public static <T> ReplyDecoder<ScanPage<T>> scanPage(ReplyDecoder<List<T>> items) {
        return (r, c) -> {
            List<Object> parts = elements(r);
            if (parts.size() != 2) {
                throw shape("SCAN page", r);
            }
            return new ScanPage<>(text(parts.get(0), StandardCharsets.US_ASCII), items.decode(parts.get(1), c));
        };
    }

    // ---------------------------------------------------------------- building blocks

    /**
     * Returns the elements of an array, set, map (flattened) or push reply.
     *
     * @param reply the reply
     * @return its elements
     * @throws RedisProtocolException when the reply is not an aggregate
     */
    @SuppressWarnings("unchecked")
    public static List<Object> elements(Object reply) {
        if (reply instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (reply instanceof RespSet set) {
            return set.elements();
        }
        if (reply instanceof RespMap map) {
            return map.entries();
        }
        if (reply instanceof PushMessage push) {
            return push.elements();
        }
        if (reply instanceof AttributedReply attributed) {
            return elements(attributed.value());
        }
        throw shape("aggregate", reply);
    }

    /**
     * Decodes a bulk, simple or verbatim string with the codec.
     *
     * @param reply the reply, not null
     * @param codec the codec
     * @param <V> the value type
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public static <V> V value(Object reply, RedisCodec<?> codec) {
        RedisCodec<V> c = (RedisCodec<V>) codec;
        if (reply instanceof byte[] bytes) {
            return c.decode(bytes);
        }
        if (reply instanceof String s) {
            // The reader makes strings only by decoding UTF-8 (which never yields an unpaired surrogate), so for
            // the UTF-8 string codec the round trip through bytes is the identity: skip it.
            return codec == StringCodec.UTF8 ? (V) s : c.decode(s.getBytes(c.charset()));
        }
        if (reply instanceof VerbatimString v) {
            return c.decode(v.content());
        }
        if (reply instanceof Long || reply instanceof Double || reply instanceof BigInteger) {
            return c.decode(reply.toString().getBytes(c.charset()));
        }
        if (reply instanceof AttributedReply a) {
            return a.value() == null ? null : value(a.value(), codec);
        }
        throw shape("string", reply);
    }

    /**
     * Decodes a bulk, simple or verbatim string (or a number) as text.
     *
     * @param reply the reply, not null
     * @param charset the charset
     * @return the text
     */
    public static String text(Object reply, Charset charset) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, charset);
        }
        if (reply instanceof String s) {
            return s;
        }
        if (reply instanceof VerbatimString v) {
            return new String(v.content(), charset);
        }
        if (reply instanceof Long || reply instanceof Double || reply instanceof BigInteger || reply instanceof Boolean) {
            return reply.toString();
        }
        if (reply instanceof AttributedReply a) {
            return text(a.value(), charset);
        }
        throw shape("string", reply);
    }

    /**
     * Converts an integer reply (or an integer in text) to a long.
     *
     * @param reply the reply
     * @return the number
     */
    public static long toLong(Object reply) {
        if (reply instanceof Long l) {
            return l;
        }
        if (reply instanceof byte[] || reply instanceof String) {
            String s = text(reply, StandardCharsets.US_ASCII);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw shape("integer", reply);
            }
        }
        if (reply instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw shape("integer", reply);
    }

    /**
     * Converts a 1/0 integer or a RESP3 boolean to a boolean.
     *
     * @param reply the reply
     * @return the boolean
     */
    public static boolean toBoolean(Object reply) {
        if (reply instanceof Boolean b) {
            return b;
        }
        if (reply instanceof Long l) {
            return l != 0;
        }
        if (reply instanceof String s) {
            return "OK".equals(s);
        }
        throw shape("boolean", reply);
    }

    /**
     * Converts a double reply, or a number in text ({@code inf}, {@code -inf} included), to a double.
     *
     * @param reply the reply
     * @return the number
     */
    public static double toDouble(Object reply) {
        if (reply instanceof Double d) {
            return d;
        }
        if (reply instanceof Long l) {
            return l;
        }
        String s = text(reply, StandardCharsets.US_ASCII);
        switch (s) {
            case "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw shape("double", reply);
                }
        }
    }

    static List<Object> valueList(Object reply, RedisCodec<?> codec) {
        List<Object> items = elements(reply);
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(item == null ? null : value(item, codec));
        }
        return out;
    }

    private static Set<Object> valueSet(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return Collections.emptySet();
        }
        List<Object> items = elements(reply);
        Set<Object> out = new LinkedHashSet<>(Math.max(16, items.size() * 4 / 3 + 1));
        for (Object item : items) {
            out.add(item == null ? null : value(item, codec));
        }
        return out;
    }

    private static List<String> stringList(Object reply, Charset charset) {
        if (reply == null) {
            return Collections.emptyList();
        }
        List<Object> items = elements(reply);
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(item == null ? null : Names.strict(item, charset));
        }
        return out;
    }

    private static List<Boolean> booleanList(Object reply) {
        List<Object> items = elements(reply);
        List<Boolean> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(toBoolean(item));
        }
        return out;
    }

    private static List<Double> doubleList(Object reply) {
        List<Object> items = elements(reply);
        List<Double> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(item == null ? null : toDouble(item));
        }
        return out;
    }

    private static List<Long> longList(Object reply) {
        List<Object> items = elements(reply);
        List<Long> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(item == null ? null : toLong(item));
        }
        return out;
    }

    /**
     * Decodes a whole reply tree: bulk strings by the codec, maps to {@link LinkedHashMap}, sets to
     * {@link LinkedHashSet}, arrays to lists; numbers, booleans, nulls and errors as they are.
     *
     * @param reply the raw reply
     * @param codec the codec
     * @return the decoded tree
     */
    public static Object decodeTree(Object reply, RedisCodec<?> codec) {
        return AggregateDecoders.decodeTree(reply, codec);
    }

    /**
     * Creates the exception for a reply of an unexpected shape.
     *
     * @param expected what was expected
     * @param reply what came
     * @return the exception
     */
    public static RedisProtocolException shape(String expected, Object reply) {
        String got = reply == null ? "null" : reply.getClass().getSimpleName();
        return new RedisProtocolException("Unexpected reply: expected " + expected + " but got " + got);
    }
}
