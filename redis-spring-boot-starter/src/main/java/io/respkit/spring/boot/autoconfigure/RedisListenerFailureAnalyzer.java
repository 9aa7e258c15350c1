package io.respkit.spring.boot.autoconfigure;

import io.respkit.spring.listener.RedisListenerDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains why an application failed to start because of a {@code @RedisListener} definition: the
 * {@link RedisListenerDefinitionException} names the method and the problem (missing or conflicting attributes,
 * values that do not resolve or are out of range, parameters the listener cannot supply, an unknown error handler,
 * an unknown container factory or one that does not serve the listener's kind, a duplicate id) and says how to fix it. Registered in {@code META-INF/spring.factories}.
 *
 * <p>Thread-safe (stateless).
 */
public final class RedisListenerFailureAnalyzer implements FailureAnalyzer {

    /**
     * Analyzes the first listener definition error in the cause chain.
     *
     * @param failure the startup failure
     * @return the analysis, or {@code null} when no listener definition caused it
     */
    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisListenerDefinitionException e) {
                return new FailureAnalysis(e.getMessage(), e.action(), e);
            }
        }
        return null;
    }
}
