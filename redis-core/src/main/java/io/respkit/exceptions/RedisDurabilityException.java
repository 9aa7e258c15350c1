package io.respkit.exceptions;

/**
 * A write ran on the primary, but fewer replicas than asked for confirmed that they have it within the time allowed
 * ({@code WAIT}), so a failover could still lose it. Raised only in the opt-in durable-write mode
 * ({@link io.respkit.sentinel.DurableWrites}). The write is not undone: read it back, or write it again, once the
 * replicas are back.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisDurabilityException extends RedisException {

    private static final long serialVersionUID = 1L;

    private final long acknowledged;
    private final int required;

    /**
     * Creates the exception.
     *
     * @param message what was written where, without arguments
     * @param acknowledged how many replicas confirmed the write in time
     * @param required how many were asked for
     */
    public RedisDurabilityException(String message, long acknowledged, int required) {
        super(message);
        this.acknowledged = acknowledged;
        this.required = required;
    }

    /**
     * Returns how many replicas confirmed the write in time.
     *
     * @return the count {@code WAIT} returned, less than {@link #required()}
     */
    public long acknowledged() {
        return acknowledged;
    }

    /**
     * Returns how many replicas were asked to confirm the write.
     *
     * @return the configured count
     */
    public int required() {
        return required;
    }
}
