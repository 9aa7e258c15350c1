package io.respkit.spring.listener;

/**
 * Thrown when a listener could not handle a message: its payload could not be converted, or the method threw
 * (the method's exception is the cause).
 *
 * <p>Immutable once thrown; thread-safe.
 */
public final class ListenerExecutionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause why
     */
    public ListenerExecutionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
