package io.respkit.test;

/**
 * An error reply ({@code -MOVED ...}, {@code -ASK ...}, {@code -ERR ...}) a node sent to a command issued by
 * {@link ClusterNode#call(String...)} or by {@link RedisCluster} itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorReplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the error reply without its leading {@code -}, e.g. {@code MOVED 3999 127.0.0.1:21000}
     */
    public ErrorReplyException(String message) {
        super(message);
    }

    /** @return the first word of the reply, e.g. {@code MOVED}, {@code ASK}, {@code ERR} */
    public String code() {
        String m = getMessage();
        int space = m.indexOf(' ');
        return space < 0 ? m : m.substring(0, space);
    }
}
