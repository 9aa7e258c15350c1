package io.respkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@code redis.*} property has a value respkit cannot use: out of range, inconsistent with another property, or
 * naming something that does not exist. Names the property, the rule and the value (never for a secret: passwords
 * are not checked here), and says what to do; {@link RedisFailureAnalyzer} turns it into Spring Boot's
 * "APPLICATION FAILED TO START" report.
 *
 * <p>Immutable once thrown; thread-safe.
 */
public final class InvalidRedisPropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String value;
    private final String requirement;
    private final String action;

    /**
     * Creates the exception.
     *
     * @param property the property, e.g. {@code redis.pool.max-total}
     * @param value the bound value (not a secret)
     * @param requirement what the value must be, e.g. {@code "at least 1"}
     * @param action what to do
     * @param cause the error that revealed the problem, or {@code null}
     */
    public InvalidRedisPropertyException(String property, Object value, String requirement, String action,
            Throwable cause) {
        super(property + " must be " + requirement + ", but is " + shown(value), cause);
        this.property = Objects.requireNonNull(property, "property");
        this.value = shown(value);
        this.requirement = Objects.requireNonNull(requirement, "requirement");
        this.action = Objects.requireNonNull(action, "action");
    }

    private static String shown(Object value) {
        if (value instanceof Duration d) {
            return d.toMillis() + "ms";
        }
        return String.valueOf(value);
    }

    /** @return the property, e.g. {@code redis.pool.max-total} */
    public String property() {
        return property;
    }

    /** @return the bound value as text, durations in milliseconds */
    public String value() {
        return value;
    }

    /** @return what the value must be, e.g. {@code "at least 1"} */
    public String requirement() {
        return requirement;
    }

    /** @return what to do */
    public String action() {
        return action;
    }
}
