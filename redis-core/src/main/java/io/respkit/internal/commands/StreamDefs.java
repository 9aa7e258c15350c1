package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.StreamBound;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamOffset;
import io.respkit.commands.XAddArgs;
import io.respkit.commands.XReadArgs;
import io.respkit.commands.XTrimArgs;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Definitions of the stream commands that need no consumer group: name, arguments and reply decoder, written once
 * and shared by the synchronous, pipeline, transaction and asynchronous APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class StreamDefs {

    private StreamDefs() {
    }

    /** XADD key [NOMKSTREAM] [MAXLEN|MINID =|~ threshold [LIMIT count]] *|id field value [field value ...]. */
    public static <V> Command<StreamEntryId> xadd(RedisCodec<V> c, String key, Map<String, V> fields, XAddArgs args) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("XADD needs at least one field");
        }
        Command<StreamEntryId> cmd = Command.create(c, StreamSpecs.XADD, StreamDecoders.id(), 3 + 2 * fields.size())
                .key(key);
        args.appendTo(cmd);
        fields.forEach((f, v) -> cmd.arg(f).value(v));
        return cmd;
    }

    /** XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]. */
    public static Command<Long> xtrim(RedisCodec<?> c, String key, XTrimArgs args) {
        Command<Long> cmd = Command.create(c, StreamSpecs.XTRIM, Decoders.integer(), 7).key(key);
        args.appendTo(cmd);
        return cmd;
    }

    /** XLEN key. */
    public static Command<Long> xlen(RedisCodec<?> c, String key) {
        return Command.create(c, StreamSpecs.XLEN, Decoders.integer(), 2).key(key);
    }

    /** XDEL key id [id ...]. */
    public static Command<Long> xdel(RedisCodec<?> c, String key, Iterable<StreamEntryId> ids) {
        Command<Long> cmd = Command.create(c, StreamSpecs.XDEL, Decoders.integer()).key(key);
        return ids(cmd, ids, "XDEL");
    }

    static <T> Command<T> ids(Command<T> cmd, Iterable<StreamEntryId> ids, String name) {
        int n = cmd.argumentCount();
        for (StreamEntryId id : ids) {
            cmd.arg(id.toString());
        }
        if (cmd.argumentCount() == n) {
            throw new IllegalArgumentException(name + " needs at least one id");
        }
        return cmd;
    }

    /** XRANGE key start end. */
    public static <V> Command<List<StreamEntry<V>>> xrange(RedisCodec<V> c, String key, StreamBound start,
            StreamBound end) {
        return Command.create(c, StreamSpecs.XRANGE, StreamDecoders.<V>entries(), 4).key(key).arg(start.lowerText())
                .arg(end.upperText());
    }

    /** XRANGE key start end COUNT count. */
    public static <V> Command<List<StreamEntry<V>>> xrangeCount(RedisCodec<V> c, String key, StreamBound start,
            StreamBound end, long count) {
        return count(Command.create(c, StreamSpecs.XRANGE, StreamDecoders.<V>entries(), 6).key(key)
                .arg(start.lowerText()).arg(end.upperText()), count);
    }

    /** XREVRANGE key end start. */
    public static <V> Command<List<StreamEntry<V>>> xrevrange(RedisCodec<V> c, String key, StreamBound end,
            StreamBound start) {
        return Command.create(c, StreamSpecs.XREVRANGE, StreamDecoders.<V>entries(), 4).key(key)
                .arg(end.upperText()).arg(start.lowerText());
    }

    /** XREVRANGE key end start COUNT count. */
    public static <V> Command<List<StreamEntry<V>>> xrevrangeCount(RedisCodec<V> c, String key, StreamBound end,
            StreamBound start, long count) {
        return count(Command.create(c, StreamSpecs.XREVRANGE, StreamDecoders.<V>entries(), 6).key(key)
                .arg(end.upperText()).arg(start.lowerText()), count);
    }

    private static <T> Command<T> count(Command<T> cmd, long count) {
        if (count < 0) {
            throw new IllegalArgumentException(cmd.name() + " COUNT must not be negative");
        }
        return cmd.arg("COUNT").arg(count);
    }

    /** XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]. */
    public static <V> Command<Map<String, List<StreamEntry<V>>>> xread(RedisCodec<V> c, XReadArgs args,
            Map<String, ? extends StreamOffset> streams) {
        return readStreams(Command.create(c, CommandSpecs.XREAD, StreamDecoders.<V>read()), args, streams, false);
    }

    /** XREAD [COUNT count] [BLOCK milliseconds] STREAMS key id, replying with that stream's entries only. */
    public static <V> Command<List<StreamEntry<V>>> xreadStream(RedisCodec<V> c, XReadArgs args, String key,
            StreamOffset offset) {
        return readStreams(Command.create(c, CommandSpecs.XREAD, StreamDecoders.<V>readOne(), 8), args,
                Map.of(key, offset), false);
    }

    /**
     * Appends the options, then {@code STREAMS}, the keys and the offsets; {@code group} says whether it is
     * {@code XREADGROUP} (which alone accepts {@code >} and {@code NOACK}, and refuses {@code $}).
     */
    static <T> Command<T> readStreams(Command<T> cmd, XReadArgs args, Map<String, ? extends StreamOffset> streams,
            boolean group) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException(cmd.name() + " needs at least one stream");
        }
        if (args.noAck() && !group) {
            throw new IllegalArgumentException("NOACK is an XREADGROUP option");
        }
        args.appendTo(cmd);
        cmd.arg("STREAMS").keys(streams.keySet());
        for (StreamOffset offset : streams.values()) {
            if (offset == StreamOffset.undelivered() && !group) {
                throw new IllegalArgumentException("XREAD cannot read from >: only XREADGROUP can");
            }
            if (offset == StreamOffset.latest() && group) {
                throw new IllegalArgumentException("XREADGROUP cannot read from $: use StreamOffset.undelivered()");
            }
            cmd.arg(offset.offsetText());
        }
        return cmd;
    }

    /** XSETID key last-id. */
    public static Command<Boolean> xsetid(RedisCodec<?> c, String key, StreamEntryId lastId) {
        return Command.create(c, StreamSpecs.XSETID, Decoders.okOrNull(), 3).key(key).arg(lastId.toString());
    }

    /**
     * XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]; an entries-added of -1 and a
     * null max-deleted-id are left out.
     */
    public static Command<Boolean> xsetidFull(RedisCodec<?> c, String key, StreamEntryId lastId, long entriesAdded,
            StreamEntryId maxDeletedId) {
        if (entriesAdded < -1) {
            throw new IllegalArgumentException("XSETID ENTRIESADDED must not be negative");
        }
        Command<Boolean> cmd = Command.create(c, StreamSpecs.XSETID, Decoders.okOrNull(), 7).key(key)
                .arg(lastId.toString());
        if (entriesAdded >= 0) {
            cmd.arg("ENTRIESADDED").arg(entriesAdded);
        }
        return maxDeletedId == null ? cmd : cmd.arg("MAXDELETEDID").arg(maxDeletedId.toString());
    }
}
