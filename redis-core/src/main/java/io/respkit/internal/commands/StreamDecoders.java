package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.AutoClaimResult;
import io.respkit.commands.PendingEntry;
import io.respkit.commands.PendingSummary;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.protocol.AttributedReply;
import io.respkit.protocol.RespMap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoders of the stream replies: ids, entries, the per-stream reads of {@code XREAD}/{@code XREADGROUP}, pending
 * lists and {@code XAUTOCLAIM}'s three parts, each accepting the RESP2 and the RESP3 shape.
 *
 * <p>Stateless and thread-safe; the decoders are shared singletons.
 */
public final class StreamDecoders {

    private StreamDecoders() {
    }

    private static final ReplyDecoder<StreamEntryId> ID = (r, c) -> r == null ? null : id(r);
    private static final ReplyDecoder<List<StreamEntryId>> ID_LIST = (r, c) -> idList(r);
    private static final ReplyDecoder<Object> ENTRIES = (r, c) -> entries(r, c);
    private static final ReplyDecoder<Object> READ = (r, c) -> read(r, c);
    private static final ReplyDecoder<PendingSummary> PENDING_SUMMARY = (r, c) -> pendingSummary(r, c);
    private static final ReplyDecoder<List<PendingEntry>> PENDING_ENTRIES = (r, c) -> pendingEntries(r, c);
    private static final ReplyDecoder<Object> AUTOCLAIM = (r, c) -> autoClaim(r, c, false);
    private static final ReplyDecoder<Object> AUTOCLAIM_IDS = (r, c) -> autoClaim(r, c, true);

    /** @return a nullable entry id */
    public static ReplyDecoder<StreamEntryId> id() {
        return ID;
    }

    /** @return a list of entry ids, empty for nil */
    public static ReplyDecoder<List<StreamEntryId>> idList() {
        return ID_LIST;
    }

    /**
     * @param <V> the value type
     * @return a list of entries, empty for nil
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<List<StreamEntry<V>>> entries() {
        return (ReplyDecoder<List<StreamEntry<V>>>) (ReplyDecoder<?>) ENTRIES;
    }

    private static final ReplyDecoder<Object> READ_ONE = (r, c) -> {
        Map<String, List<StreamEntry<Object>>> read = StreamDecoders.<Object>read().decode(r, c);
        return read.isEmpty() ? Collections.emptyList() : read.values().iterator().next();
    };

    /**
     * @param <V> the value type
     * @return the entries read per stream, in reply order (RESP2 pairs or a RESP3 map), empty for nil
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<Map<String, List<StreamEntry<V>>>> read() {
        return (ReplyDecoder<Map<String, List<StreamEntry<V>>>>) (ReplyDecoder<?>) READ;
    }

    /**
     * Returns the decoder of an {@code XREAD}/{@code XREADGROUP} of one stream: its entries, empty when nothing came.
     *
     * @param <V> the value type
     * @return the decoder
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<List<StreamEntry<V>>> readOne() {
        return (ReplyDecoder<List<StreamEntry<V>>>) (ReplyDecoder<?>) READ_ONE;
    }

    /** @return the summary form of {@code XPENDING} */
    public static ReplyDecoder<PendingSummary> pendingSummary() {
        return PENDING_SUMMARY;
    }

    /** @return the extended form of {@code XPENDING} */
    public static ReplyDecoder<List<PendingEntry>> pendingEntries() {
        return PENDING_ENTRIES;
    }

    /**
     * @param <V> the value type
     * @return {@code XAUTOCLAIM}'s reply
     */
    @SuppressWarnings("unchecked")
    public static <V> ReplyDecoder<AutoClaimResult<StreamEntry<V>>> autoClaim() {
        return (ReplyDecoder<AutoClaimResult<StreamEntry<V>>>) (ReplyDecoder<?>) AUTOCLAIM;
    }

    /** @return {@code XAUTOCLAIM ... JUSTID}'s reply */
    @SuppressWarnings("unchecked")
    public static ReplyDecoder<AutoClaimResult<StreamEntryId>> autoClaimIds() {
        return (ReplyDecoder<AutoClaimResult<StreamEntryId>>) (ReplyDecoder<?>) AUTOCLAIM_IDS;
    }

    /**
     * Parses an id reply.
     *
     * @param reply a bulk or simple string, not null
     * @return the id
     * @throws io.respkit.exceptions.RedisProtocolException when it is not an id
     */
    public static StreamEntryId id(Object reply) {
        try {
            return reply instanceof byte[] bytes ? StreamEntryId.parse(bytes)
                    : StreamEntryId.parse(Decoders.text(reply, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw Decoders.shape("stream entry id", reply);
        }
    }

    /** A nullable id. */
    static StreamEntryId nullableId(Object reply) {
        return reply == null ? null : id(reply);
    }

    static List<StreamEntryId> idList(Object reply) {
        if (reply == null) {
            return Collections.emptyList();
        }
        List<Object> items = Decoders.elements(reply);
        List<StreamEntryId> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(id(item));
        }
        return out;
    }

    /**
     * Decodes one entry, {@code [id, [field, value, ...]]}, the fields nil for a deleted entry.
     *
     * @param reply the entry
     * @param codec the codec
     * @return the entry, or {@code null} for a nil reply
     */
    static StreamEntry<Object> entry(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return null;
        }
        List<Object> pair = Decoders.elements(reply);
        if (pair.size() != 2) {
            throw Decoders.shape("stream entry [id, fields]", reply);
        }
        Object rawFields = pair.get(1);
        if (rawFields instanceof AttributedReply a) {
            rawFields = a.value();
        }
        if (rawFields == null) {
            return new StreamEntry<>(id(pair.get(0)), null);
        }
        List<Object> items = Decoders.elements(rawFields);
        if (items.size() % 2 != 0) {
            throw Decoders.shape("stream entry fields", reply);
        }
        Map<String, Object> fields = new LinkedHashMap<>(Math.max(4, items.size()));
        for (int i = 0; i < items.size(); i += 2) {
            Object v = items.get(i + 1);
            fields.put(Names.strict(items.get(i), codec.charset()), v == null ? null : Decoders.value(v, codec));
        }
        return new StreamEntry<>(id(pair.get(0)), Collections.unmodifiableMap(fields));
    }

    static List<StreamEntry<Object>> entries(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return Collections.emptyList();
        }
        List<Object> items = Decoders.elements(reply);
        List<StreamEntry<Object>> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(entry(item, codec));
        }
        return out;
    }

    private static Map<String, List<StreamEntry<Object>>> read(Object reply, RedisCodec<?> codec) {
        if (reply instanceof AttributedReply a) {
            reply = a.value();
        }
        if (reply == null) {
            return Collections.emptyMap();
        }
        Map<String, List<StreamEntry<Object>>> out = new LinkedHashMap<>();
        if (reply instanceof RespMap map) {
            for (int i = 0; i < map.size(); i++) {
                out.put(Names.strict(map.key(i), codec.charset()), entries(map.value(i), codec));
            }
            return out;
        }
        for (Object stream : Decoders.elements(reply)) {
            List<Object> pair = Decoders.elements(stream);
            if (pair.size() != 2) {
                throw Decoders.shape("stream read [key, entries]", stream);
            }
            out.put(Names.strict(pair.get(0), codec.charset()), entries(pair.get(1), codec));
        }
        return out;
    }

    private static PendingSummary pendingSummary(Object reply, RedisCodec<?> codec) {
        List<Object> items = Decoders.elements(reply);
        if (items.size() != 4) {
            throw Decoders.shape("XPENDING summary [count, lowest, highest, consumers]", reply);
        }
        Map<String, Long> consumers = new LinkedHashMap<>();
        Object rawConsumers = items.get(3);
        if (rawConsumers != null) {
            for (Object consumer : Decoders.elements(rawConsumers)) {
                List<Object> pair = Decoders.elements(consumer);
                if (pair.size() != 2) {
                    throw Decoders.shape("XPENDING consumer [name, count]", consumer);
                }
                consumers.put(Decoders.text(pair.get(0), codec.charset()), toLong(pair.get(1), codec));
            }
        }
        return new PendingSummary(Decoders.toLong(items.get(0)), nullableId(items.get(1)), nullableId(items.get(2)),
                Collections.unmodifiableMap(consumers));
    }

    /** An integer reply, or an integer sent as a bulk string (XPENDING's per-consumer counts). */
    static long toLong(Object reply, RedisCodec<?> codec) {
        if (reply instanceof Long l) {
            return l;
        }
        try {
            return Long.parseLong(Decoders.text(reply, codec.charset()));
        } catch (NumberFormatException e) {
            throw Decoders.shape("integer", reply);
        }
    }

    private static List<PendingEntry> pendingEntries(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return Collections.emptyList();
        }
        List<Object> items = Decoders.elements(reply);
        List<PendingEntry> out = new ArrayList<>(items.size());
        for (Object item : items) {
            List<Object> parts = Decoders.elements(item);
            if (parts.size() != 4) {
                throw Decoders.shape("XPENDING entry [id, consumer, idle, deliveries]", item);
            }
            out.add(new PendingEntry(id(parts.get(0)), Decoders.text(parts.get(1), codec.charset()),
                    Duration.ofMillis(Decoders.toLong(parts.get(2))), Decoders.toLong(parts.get(3))));
        }
        return out;
    }

    private static AutoClaimResult<Object> autoClaim(Object reply, RedisCodec<?> codec, boolean justId) {
        List<Object> items = Decoders.elements(reply);
        if (items.size() < 2) {
            throw Decoders.shape("XAUTOCLAIM [next, claimed, deleted]", reply);
        }
        List<Object> claimed = new ArrayList<>();
        if (justId) {
            claimed.addAll(idList(items.get(1)));
        } else {
            claimed.addAll(entries(items.get(1), codec));
        }
        // Redis 6.2 sends two parts; 7.0 adds the ids of deleted entries it removed from the pending list.
        List<StreamEntryId> deleted = items.size() > 2 ? idList(items.get(2)) : Collections.emptyList();
        return new AutoClaimResult<>(id(items.get(0)), Collections.unmodifiableList(claimed),
                Collections.unmodifiableList(deleted));
    }
}
