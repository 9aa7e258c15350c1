package io.respkit.benchmarks;

/**
 * Thrown when a contender returned a wrong reply, lost an item or delivered out of order: a benchmark whose replies
 * are wrong measures nothing, so the run stops.
 */
public final class VerificationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, and for which contender
     */
    public VerificationException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a command that failed instead of replying.
     *
     * @param message what was wrong, and for which contender
     * @param cause the client's exception
     */
    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
