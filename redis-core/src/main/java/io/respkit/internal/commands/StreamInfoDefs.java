package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.StreamConsumerInfo;
import io.respkit.commands.StreamFullInfo;
import io.respkit.commands.StreamGroupInfo;
import io.respkit.commands.StreamInfo;

import java.util.List;

/**
 * Definitions of the stream introspection commands ({@code XINFO STREAM}, {@code XINFO GROUPS},
 * {@code XINFO CONSUMERS}): name, arguments and reply decoder, shared by every API.
 *
 * <p>Stateless and thread-safe.
 */
public final class StreamInfoDefs {

    private StreamInfoDefs() {
    }

    /** XINFO STREAM key. */
    public static <V> Command<StreamInfo<V>> xinfoStream(RedisCodec<V> c, String key) {
        return Command.create(c, StreamSpecs.XINFO_STREAM, StreamInfoDecoders.<V>stream(), 3).key(key);
    }

    /** XINFO STREAM key FULL [COUNT count]; a count of 0 returns everything, -1 sends none (the server's 10). */
    public static <V> Command<StreamFullInfo<V>> xinfoStreamFull(RedisCodec<V> c, String key, long count) {
        if (count < -1) {
            throw new IllegalArgumentException("XINFO STREAM FULL COUNT must not be negative");
        }
        Command<StreamFullInfo<V>> cmd = Command.create(c, StreamSpecs.XINFO_STREAM, StreamInfoDecoders.<V>full(), 6)
                .key(key).arg("FULL");
        return count >= 0 ? cmd.arg("COUNT").arg(count) : cmd;
    }

    /** XINFO GROUPS key. */
    public static Command<List<StreamGroupInfo>> xinfoGroups(RedisCodec<?> c, String key) {
        return Command.create(c, StreamSpecs.XINFO_GROUPS, StreamInfoDecoders.groups(), 3).key(key);
    }

    /** XINFO CONSUMERS key group. */
    public static Command<List<StreamConsumerInfo>> xinfoConsumers(RedisCodec<?> c, String key, String group) {
        return Command.create(c, StreamSpecs.XINFO_CONSUMERS, StreamInfoDecoders.consumers(), 4).key(key).arg(group);
    }
}
