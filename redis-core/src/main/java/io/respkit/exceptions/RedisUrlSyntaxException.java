package io.respkit.exceptions;

/**
 * A Redis URL could not be parsed. The message says what is wrong and shows the URL with its password masked.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisUrlSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, with the password masked
     */
    public RedisUrlSyntaxException(String message) {
        super(message);
    }
}
