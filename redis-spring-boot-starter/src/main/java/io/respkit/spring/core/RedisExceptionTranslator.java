package io.respkit.spring.core;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisBusyException;
import io.respkit.exceptions.RedisClusterDownException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisLoadingException;
import io.respkit.exceptions.RedisMasterDownException;
import io.respkit.exceptions.RedisMaxClientsException;
import io.respkit.exceptions.RedisOutOfMemoryException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.exceptions.RedisReadOnlyException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.exceptions.RedisTransactionAbortedException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates respkit's exceptions into Spring's {@link DataAccessException} hierarchy, where Spring users expect them
 * (a {@code @Repository} bean with {@code PersistenceExceptionTranslationPostProcessor}, or code catching
 * {@code TransientDataAccessException} to retry):
 * <ul>
 *   <li>{@link RedisTimeoutException} → {@link QueryTimeoutException};</li>
 *   <li>{@link RedisConnectionException}, {@link RedisPoolExhaustedException}, {@link RedisOutOfMemoryException},
 *       {@link RedisMaxClientsException} → {@link DataAccessResourceFailureException};</li>
 *   <li>{@link RedisLoadingException}, {@link RedisBusyException}, {@link RedisReadOnlyException},
 *       {@link RedisMasterDownException}, {@link RedisClusterDownException} (the server may recover) →
 *       {@link TransientDataAccessResourceException};</li>
 *   <li>{@link RedisAuthenticationException} (wrong password, no permission) →
 *       {@link PermissionDeniedDataAccessException};</li>
 *   <li>{@link RedisTransactionAbortedException} (a watched key changed) → {@link OptimisticLockingFailureException};</li>
 *   <li>{@link RedisCrossSlotException}, {@link RedisUnsupportedCommandException}, {@code WRONGTYPE} and other
 *       command errors ({@link RedisServerException}) → {@link InvalidDataAccessApiUsageException};</li>
 *   <li>any other {@link RedisException} → an {@link UncategorizedDataAccessException}.</li>
 * </ul>
 * The original exception is the cause; messages are respkit's, which never show a password. Exceptions not from
 * respkit are left alone ({@code null}).
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisExceptionTranslator implements PersistenceExceptionTranslator {

    /**
     * Translates an exception, or returns {@code null} when it is not respkit's.
     *
     * @param ex the exception
     * @return the Spring exception, or {@code null}
     */
    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (!(ex instanceof RedisException e)) {
            return null;
        }
        String m = e.getMessage();
        if (e instanceof RedisTimeoutException) {
            return new QueryTimeoutException(m, e);
        }
        if (e instanceof RedisLoadingException || e instanceof RedisBusyException || e instanceof RedisReadOnlyException
                || e instanceof RedisMasterDownException || e instanceof RedisClusterDownException) {
            return new TransientDataAccessResourceException(m, e);
        }
        if (e instanceof RedisConnectionException || e instanceof RedisPoolExhaustedException
                || e instanceof RedisOutOfMemoryException || e instanceof RedisMaxClientsException) {
            return new DataAccessResourceFailureException(m, e);
        }
        if (e instanceof RedisAuthenticationException) {
            return new PermissionDeniedDataAccessException(m, e);
        }
        if (e instanceof RedisTransactionAbortedException) {
            return new OptimisticLockingFailureException(m, e);
        }
        if (e instanceof RedisCrossSlotException || e instanceof RedisUnsupportedCommandException
                || e instanceof RedisServerException) {
            return new InvalidDataAccessApiUsageException(m, e);
        }
        return new UncategorizedRedisException(m, e);
    }

    /** A respkit exception with no closer Spring equivalent (interrupted, protocol, decoding, ...). */
    public static final class UncategorizedRedisException extends UncategorizedDataAccessException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message the message
         * @param cause the respkit exception
         */
        public UncategorizedRedisException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
