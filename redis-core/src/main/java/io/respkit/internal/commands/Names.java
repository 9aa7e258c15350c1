package io.respkit.internal.commands;

import io.respkit.exceptions.RedisDecodingException;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Strict decoding of the names in replies (keys, hash fields, stream fields), where text that is not what the server
 * holds would be worse than an error.
 *
 * <p>Stateless and thread-safe.
 */
public final class Names {

    private Names() {
    }

    /**
     * Decodes a key, hash field, stream field or other name like {@link Decoders#text}, but strictly: bytes that are not text in
     * the charset would come back with U+FFFD in their place, and two different names could become one (a map entry
     * silently lost), so they fail instead.
     *
     * @param reply the reply, not null
     * @param charset the codec's charset
     * @return the name
     * @throws RedisDecodingException when the bytes are not text in {@code charset}
     */
    public static String strict(Object reply, Charset charset) {
        if (reply instanceof byte[] bytes) {
            String s = new String(bytes, charset);
            // valid input never decodes to U+FFFD unless it spelled U+FFFD, which encodes back to the same bytes
            if (s.indexOf('\uFFFD') >= 0 && !Arrays.equals(s.getBytes(charset), bytes)) {
                throw new RedisDecodingException("A name in the reply (" + bytes.length + " bytes) is not "
                        + charset.name() + " text; read names that are arbitrary bytes with a codec whose charset is"
                        + " ISO-8859-1, which maps every byte to one char (ByteArrayCodec.of(ISO_8859_1))");
            }
            return s;
        }
        return Decoders.text(reply, charset);
    }
}
