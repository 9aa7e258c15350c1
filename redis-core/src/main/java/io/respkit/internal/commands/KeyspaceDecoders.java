package io.respkit.internal.commands;

import io.respkit.commands.ExpireTime;
import io.respkit.commands.KeyValues;
import io.respkit.commands.ScoredValue;
import io.respkit.commands.ReplyDecoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decoders for the reply shapes of the keyspace, function and collection commands that {@link Decoders} has no
 * decoder for: raw bytes ({@code DUMP}, {@code FUNCTION DUMP}), expiry times, durations in seconds. RESP2 and RESP3
 * replies decode to the same values.
 *
 * <p>Stateless and thread-safe.
 */
final class KeyspaceDecoders {

    /** A bulk string as the bytes the server sent (never through the codec), null for nil. */
    static final ReplyDecoder<byte[]> BYTES = (r, c) -> r == null ? null : bytes(r);
    /** EXPIRETIME: Unix seconds, -1 no expiry, -2 no key. */
    static final ReplyDecoder<ExpireTime> EXPIRE_SECONDS = (r, c) -> expireTime(Decoders.toLong(r), 1000);
    /** PEXPIRETIME: Unix milliseconds, -1 no expiry, -2 no key. */
    static final ReplyDecoder<ExpireTime> EXPIRE_MILLIS = (r, c) -> expireTime(Decoders.toLong(r), 1);
    /** A nullable integer of seconds as a Duration. */
    static final ReplyDecoder<Duration> SECONDS = (r, c) -> r == null ? null : Duration.ofSeconds(Decoders.toLong(r));

    /** ZMPOP/BZMPOP: [key, [[member, score], ...]] (scores as bulk strings in RESP2, doubles in RESP3), or nil. */
    private static final ReplyDecoder<Object> KEY_SCORED_VALUES = (r, c) -> {
        if (r == null) {
            return null;
        }
        List<Object> pair = Decoders.elements(r);
        if (pair.size() != 2) {
            throw Decoders.shape("key/members pair", r);
        }
        return new KeyValues<>(Decoders.text(pair.get(0), c.charset()), AggregateDecoders.scoredList(pair.get(1), c));
    };

    private KeyspaceDecoders() {
    }

    @SuppressWarnings("unchecked")
    static <V> ReplyDecoder<KeyValues<ScoredValue<V>>> keyScoredValues() {
        return (ReplyDecoder<KeyValues<ScoredValue<V>>>) (ReplyDecoder<?>) KEY_SCORED_VALUES;
    }

    private static byte[] bytes(Object reply) {
        if (reply instanceof byte[] b) {
            return b;
        }
        if (reply instanceof String s) {
            // only a status reply reaches here as a String (bulk replies stay bytes for this decoder)
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw Decoders.shape("bulk string", reply);
    }

    private static ExpireTime expireTime(long value, long millisPerUnit) {
        if (value == -1) {
            return ExpireTime.NO_EXPIRY;
        }
        if (value == -2) {
            return ExpireTime.NO_KEY;
        }
        return ExpireTime.at(Instant.ofEpochMilli(value * millisPerUnit));
    }
}
