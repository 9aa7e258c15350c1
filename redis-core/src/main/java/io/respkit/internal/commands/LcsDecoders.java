package io.respkit.internal.commands;

import io.respkit.commands.LcsResult;
import io.respkit.commands.ReplyDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder of {@code LCS ... IDX WITHMATCHLEN}: a flat {@code [matches, [...], len, n]} array in RESP2, a map in
 * RESP3, both decoded to the same {@link LcsResult}.
 *
 * <p>Stateless and thread-safe; the decoder is a shared singleton.
 */
public final class LcsDecoders {

    private static final ReplyDecoder<LcsResult> IDX = (r, c) -> idx(r);

    private LcsDecoders() {
    }

    /** @return the decoder of {@code LCS ... IDX WITHMATCHLEN} */
    public static ReplyDecoder<LcsResult> idx() {
        return IDX;
    }

    private static LcsResult idx(Object reply) {
        List<Object> fields = Decoders.elements(reply);
        List<LcsResult.Match> matches = null;
        long length = -1;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = Decoders.text(fields.get(i), StandardCharsets.US_ASCII);
            if ("matches".equals(name)) {
                matches = matches(fields.get(i + 1));
            } else if ("len".equals(name)) {
                length = Decoders.toLong(fields.get(i + 1));
            }
        }
        if (matches == null || length < 0) {
            throw Decoders.shape("LCS IDX matches and len", reply);
        }
        return new LcsResult(matches, length);
    }

    private static List<LcsResult.Match> matches(Object reply) {
        List<Object> items = Decoders.elements(reply);
        List<LcsResult.Match> out = new ArrayList<>(items.size());
        for (Object item : items) {
            List<Object> parts = Decoders.elements(item);
            if (parts.size() < 2) {
                throw Decoders.shape("an LCS match", item);
            }
            LcsResult.Range first = range(parts.get(0));
            LcsResult.Range second = range(parts.get(1));
            long length = parts.size() > 2 ? Decoders.toLong(parts.get(2)) : first.end() - first.start() + 1;
            out.add(new LcsResult.Match(first, second, length));
        }
        return out;
    }

    private static LcsResult.Range range(Object reply) {
        List<Object> bounds = Decoders.elements(reply);
        if (bounds.size() != 2) {
            throw Decoders.shape("an LCS range", reply);
        }
        return new LcsResult.Range(Decoders.toLong(bounds.get(0)), Decoders.toLong(bounds.get(1)));
    }
}
