package io.respkit.exceptions;

/**
 * A well-formed reply could not be turned into the Java value asked for without losing data: for example a hash field
 * or stream field name whose bytes are not text in the codec's charset, so that two different names would come back
 * as one. The reply was read whole, so the connection stays usable, and nothing on the server was changed.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisDecodingException extends RedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be decoded and how to read it instead, without the data itself
     */
    public RedisDecodingException(String message) {
        super(message);
    }
}
