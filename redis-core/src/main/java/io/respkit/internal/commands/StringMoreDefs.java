package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.LcsResult;

/**
 * Definitions of the string commands added after the first ones ({@code LCS} in its three forms, and the deprecated
 * {@code SUBSTR}), shared by the synchronous, pipeline, transaction and async APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class StringMoreDefs {

    private StringMoreDefs() {
    }

    /** LCS key1 key2: the longest common subsequence. */
    public static <V> Command<V> lcs(RedisCodec<V> c, String key1, String key2) {
        return Command.create(c, StringMoreSpecs.LCS, Decoders.<V>value(), 3).key(key1).key(key2);
    }

    /** LCS key1 key2 LEN. */
    public static Command<Long> lcsLen(RedisCodec<?> c, String key1, String key2) {
        return Command.create(c, StringMoreSpecs.LCS, Decoders.integer(), 4).key(key1).key(key2).arg("LEN");
    }

    /** LCS key1 key2 IDX [MINMATCHLEN n] WITHMATCHLEN. */
    public static Command<LcsResult> lcsIdx(RedisCodec<?> c, String key1, String key2, long minMatchLength) {
        Command<LcsResult> cmd = Command.create(c, StringMoreSpecs.LCS, LcsDecoders.idx(), 7).key(key1).key(key2)
                .arg("IDX");
        if (minMatchLength > 0) {
            cmd.arg("MINMATCHLEN").arg(minMatchLength);
        }
        return cmd.arg("WITHMATCHLEN");
    }

    /** SUBSTR key start end (the deprecated alias of GETRANGE). */
    public static <V> Command<V> substr(RedisCodec<V> c, String key, long start, long end) {
        return Command.create(c, StringMoreSpecs.SUBSTR, Decoders.<V>value(), 4).key(key).arg(start).arg(end);
    }
}
