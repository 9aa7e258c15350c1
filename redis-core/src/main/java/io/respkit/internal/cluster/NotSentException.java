package io.respkit.internal.cluster;

import io.respkit.exceptions.RedisException;

/**
 * Carries a failure that happened before a command left the client (no connection could be borrowed or opened), so
 * the router knows that running it elsewhere cannot run it twice. Never escapes the router: it throws the
 * {@link #getCause() cause}.
 *
 * <p>Immutable and thread-safe.
 */
final class NotSentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotSentException(RedisException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    @Override
    public synchronized RedisException getCause() {
        return (RedisException) super.getCause();
    }
}
