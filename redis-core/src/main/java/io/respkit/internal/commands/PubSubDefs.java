package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Definitions of the pub/sub introspection commands beyond {@code PUBSUB CHANNELS}/{@code NUMSUB} (in
 * {@link ServerDefs}) and of sharded publishing. {@code SPUBLISH}'s channel picks the cluster slot, but the server's
 * key specification flags it {@code not_key} ({@code COMMAND GETKEYS} leaves it out), so it is not marked as a key.
 *
 * <p>Stateless and thread-safe.
 */
public final class PubSubDefs {

    private PubSubDefs() {
    }

    /** PUBSUB NUMPAT. */
    public static Command<Long> pubsubNumpat(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.PUBSUB_NUMPAT, Decoders.integer());
    }

    /** PUBSUB SHARDCHANNELS [pattern]; {@code pattern} may be null for all. */
    public static Command<List<String>> pubsubShardChannels(RedisCodec<?> c, String pattern) {
        Command<List<String>> cmd = Command.create(c, AdminSpecs.PUBSUB_SHARDCHANNELS, AdminDecoders.STRINGS);
        return pattern == null ? cmd : cmd.arg(pattern);
    }

    /** PUBSUB SHARDNUMSUB [channel ...]. */
    public static Command<Map<String, Long>> pubsubShardNumsub(RedisCodec<?> c, Collection<String> channels) {
        Command<Map<String, Long>> cmd = Command.create(c, AdminSpecs.PUBSUB_SHARDNUMSUB, ServerDefs.COUNT_MAP);
        channels.forEach(channel -> cmd.arg(Objects.requireNonNull(channel, "channel")));
        return cmd;
    }

    /** SPUBLISH shardchannel message. */
    public static <V> Command<Long> spublish(RedisCodec<V> c, String channel, V message) {
        return Command.create(c, AdminSpecs.SPUBLISH, Decoders.integer())
                .arg(Objects.requireNonNull(channel, "channel")).value(message);
    }
}
