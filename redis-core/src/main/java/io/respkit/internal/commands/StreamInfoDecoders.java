package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.StreamConsumerInfo;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamFullInfo;
import io.respkit.commands.StreamGroupInfo;
import io.respkit.commands.StreamInfo;
import io.respkit.protocol.AttributedReply;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoders of {@code XINFO STREAM} (plain and {@code FULL}), {@code XINFO GROUPS} and {@code XINFO CONSUMERS}: each
 * reply is a map (a flat array in RESP2, a map in RESP3) read by field name, so that fields a server version adds or
 * lacks (Redis 7.0's counters, 7.2's {@code inactive} and {@code active-time}) decode without breaking.
 *
 * <p>Stateless and thread-safe; the decoders are shared singletons.
 */
public final class StreamInfoDecoders {

    private StreamInfoDecoders() {
    }

    private static final ReplyDecoder<Object> STREAM = StreamInfoDecoders::stream;
    private static final ReplyDecoder<Object> FULL = StreamInfoDecoders::full;
    private static final ReplyDecoder<List<StreamGroupInfo>> GROUPS = StreamInfoDecoders::groups;
    private static final ReplyDecoder<List<StreamConsumerInfo>> CONSUMERS = StreamInfoDecoders::consumers;

    /**
     * @param <V> the value type
     * @return {@code XINFO STREAM}'s reply
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<StreamInfo<V>> stream() {
        return (ReplyDecoder<StreamInfo<V>>) (ReplyDecoder<?>) STREAM;
    }

    /**
     * @param <V> the value type
     * @return {@code XINFO STREAM ... FULL}'s reply
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<StreamFullInfo<V>> full() {
        return (ReplyDecoder<StreamFullInfo<V>>) (ReplyDecoder<?>) FULL;
    }

    /** @return {@code XINFO GROUPS}' reply */
    public static ReplyDecoder<List<StreamGroupInfo>> groups() {
        return GROUPS;
    }

    /** @return {@code XINFO CONSUMERS}' reply */
    public static ReplyDecoder<List<StreamConsumerInfo>> consumers() {
        return CONSUMERS;
    }

    /** The fields of a map reply, by name, values raw. */
    static Map<String, Object> fields(Object reply, Charset charset) {
        if (reply instanceof AttributedReply a) {
            reply = a.value();
        }
        List<Object> items = Decoders.elements(reply);
        if (items.size() % 2 != 0) {
            throw Decoders.shape("map", reply);
        }
        Map<String, Object> out = new HashMap<>(items.size());
        for (int i = 0; i < items.size(); i += 2) {
            out.put(Decoders.text(items.get(i), charset), items.get(i + 1));
        }
        return out;
    }

    private static long number(Map<String, Object> fields, String name, long absent) {
        Object v = fields.get(name);
        return v == null ? absent : Decoders.toLong(v);
    }

    private static Long nullableNumber(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        return v == null ? null : Decoders.toLong(v);
    }

    private static StreamEntryId id(Map<String, Object> fields, String name) {
        return StreamDecoders.nullableId(fields.get(name));
    }

    private static String text(Map<String, Object> fields, String name, Charset charset) {
        Object v = fields.get(name);
        return v == null ? null : Decoders.text(v, charset);
    }

    private static StreamInfo<Object> stream(Object reply, RedisCodec<?> codec) {
        Map<String, Object> f = fields(reply, codec.charset());
        return new StreamInfo<>(number(f, "length", 0), number(f, "radix-tree-keys", 0),
                number(f, "radix-tree-nodes", 0), id(f, "last-generated-id"), id(f, "max-deleted-entry-id"),
                number(f, "entries-added", -1), id(f, "recorded-first-entry-id"), number(f, "groups", 0),
                StreamDecoders.entry(f.get("first-entry"), codec), StreamDecoders.entry(f.get("last-entry"), codec));
    }

    private static StreamFullInfo<Object> full(Object reply, RedisCodec<?> codec) {
        Charset cs = codec.charset();
        Map<String, Object> f = fields(reply, cs);
        List<StreamFullInfo.Group> groups = new ArrayList<>();
        Object rawGroups = f.get("groups");
        if (rawGroups != null) {
            for (Object rawGroup : Decoders.elements(rawGroups)) {
                Map<String, Object> g = fields(rawGroup, cs);
                List<StreamFullInfo.Delivery> pending = new ArrayList<>();
                for (Object p : list(g.get("pending"))) {
                    List<Object> parts = Decoders.elements(p);
                    pending.add(new StreamFullInfo.Delivery(StreamDecoders.id(parts.get(0)),
                            Decoders.text(parts.get(1), cs), Instant.ofEpochMilli(Decoders.toLong(parts.get(2))),
                            Decoders.toLong(parts.get(3))));
                }
                List<StreamFullInfo.Consumer> consumers = new ArrayList<>();
                for (Object rawConsumer : list(g.get("consumers"))) {
                    consumers.add(consumer(fields(rawConsumer, cs), cs));
                }
                groups.add(new StreamFullInfo.Group(text(g, "name", cs), id(g, "last-delivered-id"),
                        nullableNumber(g, "entries-read"), nullableNumber(g, "lag"), number(g, "pel-count", 0),
                        Collections.unmodifiableList(pending), Collections.unmodifiableList(consumers)));
            }
        }
        List<StreamEntry<Object>> entries = StreamDecoders.entries(f.get("entries"), codec);
        return new StreamFullInfo<>(number(f, "length", 0), number(f, "radix-tree-keys", 0),
                number(f, "radix-tree-nodes", 0), id(f, "last-generated-id"), id(f, "max-deleted-entry-id"),
                number(f, "entries-added", -1), id(f, "recorded-first-entry-id"),
                Collections.unmodifiableList(entries), Collections.unmodifiableList(groups));
    }

    private static StreamFullInfo.Consumer consumer(Map<String, Object> c, Charset cs) {
        String name = text(c, "name", cs);
        List<StreamFullInfo.Delivery> pending = new ArrayList<>();
        for (Object p : list(c.get("pending"))) {
            List<Object> parts = Decoders.elements(p);
            pending.add(new StreamFullInfo.Delivery(StreamDecoders.id(parts.get(0)), name,
                    Instant.ofEpochMilli(Decoders.toLong(parts.get(1))), Decoders.toLong(parts.get(2))));
        }
        Long active = nullableNumber(c, "active-time");
        return new StreamFullInfo.Consumer(name, Instant.ofEpochMilli(number(c, "seen-time", 0)),
                active == null || active < 0 ? null : Instant.ofEpochMilli(active), number(c, "pel-count", 0),
                Collections.unmodifiableList(pending));
    }

    private static List<Object> list(Object reply) {
        return reply == null ? Collections.emptyList() : Decoders.elements(reply);
    }

    private static List<StreamGroupInfo> groups(Object reply, RedisCodec<?> codec) {
        Charset cs = codec.charset();
        List<StreamGroupInfo> out = new ArrayList<>();
        for (Object item : list(reply)) {
            Map<String, Object> g = fields(item, cs);
            out.add(new StreamGroupInfo(text(g, "name", cs), number(g, "consumers", 0), number(g, "pending", 0),
                    id(g, "last-delivered-id"), nullableNumber(g, "entries-read"), nullableNumber(g, "lag")));
        }
        return out;
    }

    private static List<StreamConsumerInfo> consumers(Object reply, RedisCodec<?> codec) {
        Charset cs = codec.charset();
        List<StreamConsumerInfo> out = new ArrayList<>();
        for (Object item : list(reply)) {
            Map<String, Object> c = fields(item, cs);
            Long inactive = nullableNumber(c, "inactive");
            out.add(new StreamConsumerInfo(text(c, "name", cs), number(c, "pending", 0),
                    Duration.ofMillis(number(c, "idle", 0)),
                    inactive == null || inactive < 0 ? null : Duration.ofMillis(inactive)));
        }
        return out;
    }
}
