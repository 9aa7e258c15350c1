package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;

import java.util.Collection;

/**
 * Definitions of the HyperLogLog commands ({@code PFADD}, {@code PFCOUNT}, {@code PFMERGE}), shared by the
 * synchronous, pipeline, transaction and async APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class HyperLogLogDefs {

    private HyperLogLogDefs() {
    }

    /** PFADD key [element ...]: true when the estimated cardinality changed (or the key was created). */
    public static <V> Command<Boolean> pfadd(RedisCodec<V> c, String key, Collection<? extends V> elements) {
        return Command.create(c, HyperLogLogSpecs.PFADD, Decoders.bool(), 2 + elements.size()).key(key)
                .values(elements);
    }

    /** PFCOUNT key [key ...]. */
    public static Command<Long> pfcount(RedisCodec<?> c, Collection<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("PFCOUNT needs at least one key");
        }
        return Command.create(c, HyperLogLogSpecs.PFCOUNT, Decoders.integer(), 1 + keys.size()).keys(keys);
    }

    /** PFMERGE destkey [sourcekey ...]. */
    public static Command<Boolean> pfmerge(RedisCodec<?> c, String destination, Collection<String> sources) {
        return Command.create(c, HyperLogLogSpecs.PFMERGE, Decoders.okOrNull(), 2 + sources.size())
                .key(destination).keys(sources);
    }
}
