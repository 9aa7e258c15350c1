package io.respkit.protocol;

/**
 * An error reply ({@code -ERR ...} or the RESP3 blob error {@code !...}) as a value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param message the full error text, starting with its code
 */
public record ErrorReply(String message) {

    /**
     * Returns the error code: the first word of the message, e.g. {@code WRONGTYPE}.
     *
     * @return the code, or {@code ERR} when the message is empty
     */
    public String code() {
        int space = message.indexOf(' ');
        String code = space < 0 ? message : message.substring(0, space);
        return code.isEmpty() ? "ERR" : code;
    }
}
