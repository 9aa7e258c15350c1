package io.respkit.spring.listener;

import java.util.Objects;

/**
 * A {@code @RedisListener} definition cannot be used: a missing or conflicting attribute, a value that does not
 * resolve or is out of range, a parameter the listener cannot supply, an unknown error handler, an unknown container factory or one that
 * does not serve the listener's kind, or a duplicate id.
 * The message names the method and the problem; {@link #action()} says how to fix it. Spring Boot's failure
 * analysis prints both instead of a stack trace. An {@link IllegalStateException}, as these errors always were.
 *
 * <p>Immutable once thrown; thread-safe.
 */
public final class RedisListenerDefinitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the method
     * @param action how to fix it
     */
    public RedisListenerDefinitionException(String message, String action) {
        this(message, action, null);
    }

    /**
     * Creates the exception with the error that revealed the problem, e.g. an unresolvable placeholder.
     *
     * @param message what is wrong, naming the method
     * @param action how to fix it
     * @param cause the underlying error, or {@code null}
     */
    public RedisListenerDefinitionException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = Objects.requireNonNull(action, "action");
    }

    /**
     * Returns how to fix the definition.
     *
     * @return the action, for Spring Boot's failure analysis
     */
    public String action() {
        return action;
    }
}
