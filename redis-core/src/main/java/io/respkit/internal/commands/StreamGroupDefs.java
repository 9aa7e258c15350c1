package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.AutoClaimResult;
import io.respkit.commands.Command;
import io.respkit.commands.PendingEntry;
import io.respkit.commands.PendingSummary;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamOffset;
import io.respkit.commands.XClaimArgs;
import io.respkit.commands.XGroupCreateArgs;
import io.respkit.commands.XPendingArgs;
import io.respkit.commands.XReadArgs;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Definitions of the consumer-group stream commands ({@code XGROUP ...}, {@code XREADGROUP}, {@code XACK},
 * {@code XPENDING}, {@code XCLAIM}, {@code XAUTOCLAIM}): name, arguments and reply decoder, written once and shared by
 * the synchronous, pipeline, transaction and asynchronous APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class StreamGroupDefs {

    private StreamGroupDefs() {
    }

    /** XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD entries-read]. */
    public static Command<Boolean> xgroupCreate(RedisCodec<?> c, String key, String group, StreamOffset offset,
            XGroupCreateArgs args) {
        Command<Boolean> cmd = Command.create(c, StreamSpecs.XGROUP_CREATE, Decoders.okOrNull(), 8).key(key)
                .arg(group).arg(groupOffset(offset));
        args.appendTo(cmd);
        return cmd;
    }

    /** XGROUP SETID key group id|$ [ENTRIESREAD entries-read]; an entries-read of -1 (unknown) sends none. */
    public static Command<Boolean> xgroupSetid(RedisCodec<?> c, String key, String group, StreamOffset offset,
            long entriesRead) {
        if (entriesRead < -1) {
            throw new IllegalArgumentException("XGROUP ENTRIESREAD must not be negative");
        }
        Command<Boolean> cmd = Command.create(c, StreamSpecs.XGROUP_SETID, Decoders.okOrNull(), 7).key(key)
                .arg(group).arg(groupOffset(offset));
        return entriesRead >= 0 ? cmd.arg("ENTRIESREAD").arg(entriesRead) : cmd;
    }

    private static String groupOffset(StreamOffset offset) {
        if (offset == StreamOffset.undelivered()) {
            throw new IllegalArgumentException("a group's position is an id or $, not >");
        }
        return offset.offsetText();
    }

    /** XGROUP DESTROY key group. */
    public static Command<Boolean> xgroupDestroy(RedisCodec<?> c, String key, String group) {
        return Command.create(c, StreamSpecs.XGROUP_DESTROY, Decoders.bool(), 4).key(key).arg(group);
    }

    /** XGROUP CREATECONSUMER key group consumer. */
    public static Command<Boolean> xgroupCreateconsumer(RedisCodec<?> c, String key, String group, String consumer) {
        return Command.create(c, StreamSpecs.XGROUP_CREATECONSUMER, Decoders.bool(), 5).key(key).arg(group)
                .arg(consumer);
    }

    /** XGROUP DELCONSUMER key group consumer. */
    public static Command<Long> xgroupDelconsumer(RedisCodec<?> c, String key, String group, String consumer) {
        return Command.create(c, StreamSpecs.XGROUP_DELCONSUMER, Decoders.integer(), 5).key(key).arg(group)
                .arg(consumer);
    }

    /** XREADGROUP GROUP group consumer [COUNT count] [BLOCK ms] [NOACK] STREAMS key [key ...] id [id ...]. */
    public static <V> Command<Map<String, List<StreamEntry<V>>>> xreadgroup(RedisCodec<V> c, String group,
            String consumer, XReadArgs args, Map<String, ? extends StreamOffset> streams) {
        Command<Map<String, List<StreamEntry<V>>>> cmd = Command.create(c, CommandSpecs.XREADGROUP,
                StreamDecoders.<V>read()).arg("GROUP").arg(group).arg(consumer);
        return StreamDefs.readStreams(cmd, args, streams, true);
    }

    /** XREADGROUP ... STREAMS key id, replying with that stream's entries only. */
    public static <V> Command<List<StreamEntry<V>>> xreadgroupStream(RedisCodec<V> c, String group, String consumer,
            XReadArgs args, String key, StreamOffset offset) {
        Command<List<StreamEntry<V>>> cmd = Command.create(c, CommandSpecs.XREADGROUP, StreamDecoders.<V>readOne(),
                12).arg("GROUP").arg(group).arg(consumer);
        return StreamDefs.readStreams(cmd, args, Map.of(key, offset), true);
    }

    /** XACK key group id [id ...]. */
    public static Command<Long> xack(RedisCodec<?> c, String key, String group, Iterable<StreamEntryId> ids) {
        return StreamDefs.ids(Command.create(c, StreamSpecs.XACK, Decoders.integer()).key(key).arg(group), ids,
                "XACK");
    }

    /** XPENDING key group. */
    public static Command<PendingSummary> xpending(RedisCodec<?> c, String key, String group) {
        return Command.create(c, StreamSpecs.XPENDING, StreamDecoders.pendingSummary(), 3).key(key).arg(group);
    }

    /** XPENDING key group [IDLE min-idle-time] start end count [consumer]. */
    public static Command<List<PendingEntry>> xpendingRange(RedisCodec<?> c, String key, String group,
            XPendingArgs args) {
        Command<List<PendingEntry>> cmd = Command.create(c, StreamSpecs.XPENDING, StreamDecoders.pendingEntries(), 9)
                .key(key).arg(group);
        args.appendTo(cmd);
        return cmd;
    }

    /** XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [LASTID id]. */
    public static <V> Command<List<StreamEntry<V>>> xclaim(RedisCodec<V> c, String key, String group,
            String consumer, Duration minIdle, Iterable<StreamEntryId> ids, XClaimArgs args) {
        Command<List<StreamEntry<V>>> cmd = claim(Command.create(c, StreamSpecs.XCLAIM, StreamDecoders.<V>entries()),
                key, group, consumer, minIdle, ids);
        args.appendTo(cmd);
        return cmd;
    }

    /** XCLAIM ... JUSTID: claims and replies with the ids only, leaving the delivery counts alone. */
    public static Command<List<StreamEntryId>> xclaimJustid(RedisCodec<?> c, String key, String group,
            String consumer, Duration minIdle, Iterable<StreamEntryId> ids, XClaimArgs args) {
        Command<List<StreamEntryId>> cmd = claim(Command.create(c, StreamSpecs.XCLAIM, StreamDecoders.idList()), key,
                group, consumer, minIdle, ids);
        args.appendTo(cmd);
        return cmd.arg("JUSTID");
    }

    private static <T> Command<T> claim(Command<T> cmd, String key, String group, String consumer, Duration minIdle,
            Iterable<StreamEntryId> ids) {
        cmd.key(key).arg(group).arg(consumer).arg(idleMillis(minIdle));
        return StreamDefs.ids(cmd, ids, "XCLAIM");
    }

    private static long idleMillis(Duration minIdle) {
        if (minIdle.isNegative()) {
            throw new IllegalArgumentException("min-idle-time must not be negative");
        }
        return minIdle.toMillis();
    }

    /** XAUTOCLAIM key group consumer min-idle-time start COUNT count. */
    public static <V> Command<AutoClaimResult<StreamEntry<V>>> xautoclaim(RedisCodec<V> c, String key, String group,
            String consumer, Duration minIdle, StreamEntryId start, long count) {
        return autoClaim(Command.create(c, StreamSpecs.XAUTOCLAIM, StreamDecoders.<V>autoClaim(), 8), key, group,
                consumer, minIdle, start, count);
    }

    /** XAUTOCLAIM key group consumer min-idle-time start COUNT count JUSTID. */
    public static Command<AutoClaimResult<StreamEntryId>> xautoclaimJustid(RedisCodec<?> c, String key,
            String group, String consumer, Duration minIdle, StreamEntryId start, long count) {
        return autoClaim(Command.create(c, StreamSpecs.XAUTOCLAIM, StreamDecoders.autoClaimIds(), 9), key, group,
                consumer, minIdle, start, count).arg("JUSTID");
    }

    private static <T> Command<T> autoClaim(Command<T> cmd, String key, String group, String consumer,
            Duration minIdle, StreamEntryId start, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("XAUTOCLAIM COUNT must be at least 1");
        }
        return cmd.key(key).arg(group).arg(consumer).arg(idleMillis(minIdle)).arg(start.toString()).arg("COUNT")
                .arg(count);
    }
}
