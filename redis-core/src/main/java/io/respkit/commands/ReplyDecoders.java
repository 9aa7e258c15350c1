package io.respkit.commands;

import io.respkit.internal.commands.Decoders;

import java.util.List;
import java.util.Map;

/**
 * Ready-made reply decoders for {@link Command#create}, for commands the typed API does not cover.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReplyDecoders {

    private ReplyDecoders() {
    }

    /**
     * Returns the reply as the reader produced it (see {@link io.respkit.protocol.RespReader}).
     *
     * @return the decoder
     */
    public static ReplyDecoder<Object> raw() {
        return Decoders.raw();
    }

    /**
     * Returns the reply with bulk strings decoded by the client's codec, maps as {@link Map}, sets as
     * {@link java.util.Set} and arrays as {@link List}.
     *
     * @return the decoder
     */
    public static ReplyDecoder<Object> decoded() {
        return Decoders.decoded();
    }

    /**
     * Returns a decoder for a single nullable value decoded by the client's codec.
     *
     * @param <V> the codec's value type
     * @return the decoder
     */
    public static <V> ReplyDecoder<V> value() {
        return Decoders.value();
    }

    /**
     * Returns a decoder for a status or text reply, e.g. {@code OK}.
     *
     * @return the decoder
     */
    public static ReplyDecoder<String> string() {
        return Decoders.string();
    }

    /**
     * Returns a decoder for an integer reply.
     *
     * @return the decoder
     */
    public static ReplyDecoder<Long> integer() {
        return Decoders.integer();
    }

    /**
     * Returns a decoder for a list of values decoded by the client's codec.
     *
     * @param <V> the codec's value type
     * @return the decoder
     */
    public static <V> ReplyDecoder<List<V>> valueList() {
        return Decoders.valueList();
    }

    /**
     * Returns a decoder for a list of texts (keys, fields, channel names) in the client's charset.
     *
     * @return the decoder
     */
    public static ReplyDecoder<List<String>> stringList() {
        return Decoders.stringList();
    }

    /**
     * Returns a decoder for a {@code [key, value]} pair as blocking pops return it, or {@code null} for nil.
     *
     * @param <V> the codec's value type
     * @return the decoder
     */
    public static <V> ReplyDecoder<KeyValue<V>> keyValue() {
        return Decoders.keyValue();
    }

    /**
     * Returns a decoder for {@code [key, [value, ...]]} as {@code LMPOP}/{@code BLMPOP} return it, or {@code null}
     * for nil.
     *
     * @param <V> the codec's value type
     * @return the decoder
     */
    public static <V> ReplyDecoder<KeyValues<V>> keyValues() {
        return Decoders.keyValues();
    }

    /**
     * Returns a decoder for a list of values that yields an empty list for a nil reply (as {@code RPOP key count}
     * answers for a missing key).
     *
     * @param <V> the codec's value type
     * @return the decoder
     */
    public static <V> ReplyDecoder<List<V>> valueListOrEmpty() {
        return Decoders.valueListOrEmpty();
    }

    /**
     * Returns a decoder for one page of a {@code SCAN}-family command: the next cursor and the items.
     *
     * @param items how to decode the page's item array, e.g. {@link #stringList()}
     * @param <T> the item type
     * @return the page decoder
     */
    public static <T> ReplyDecoder<ScanPage<T>> scanPage(ReplyDecoder<List<T>> items) {
        return Decoders.scanPage(items);
    }
}
