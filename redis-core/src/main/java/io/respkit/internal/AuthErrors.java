package io.respkit.internal;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisNoAuthException;
import io.respkit.exceptions.RedisNoPermissionException;
import io.respkit.exceptions.RedisWrongPasswordException;

/**
 * Creates the typed {@link RedisAuthenticationException} subclass for an authentication or authorisation error
 * code, so that callers can tell a missing password ({@link RedisNoAuthException}), refused credentials
 * ({@link RedisWrongPasswordException}) and a missing ACL permission ({@link RedisNoPermissionException}) apart
 * without comparing codes. None of them is worth retrying.
 *
 * <p>Stateless and thread-safe.
 */
public final class AuthErrors {

    private AuthErrors() {
    }

    /**
     * Returns whether {@code code} is one of the error codes this class types.
     *
     * @param code the server's error code
     * @return {@code true} for {@code NOAUTH}, {@code WRONGPASS} and {@code NOPERM}
     */
    public static boolean isAuthCode(String code) {
        return "NOAUTH".equals(code) || "WRONGPASS".equals(code) || "NOPERM".equals(code);
    }

    /**
     * Creates the exception for an error code.
     *
     * @param code the server's error code
     * @param message the exception message; it must not contain the password
     * @return the typed subclass for {@code NOAUTH}, {@code WRONGPASS} and {@code NOPERM}, else a plain
     *         {@link RedisAuthenticationException} carrying {@code code}
     */
    public static RedisAuthenticationException create(String code, String message) {
        return switch (code) {
            case "NOAUTH" -> new RedisNoAuthException(message);
            case "WRONGPASS" -> new RedisWrongPasswordException(message);
            case "NOPERM" -> new RedisNoPermissionException(message);
            default -> new RedisAuthenticationException(code, message);
        };
    }

    /**
     * Replaces an untyped {@link RedisAuthenticationException} (as {@link Errors#fromReply} creates) by its typed
     * subclass; any other exception is returned as is.
     *
     * @param e the exception
     * @return the typed exception, or {@code e}
     */
    public static RedisException typed(RedisException e) {
        if (e.getClass() == RedisAuthenticationException.class) {
            RedisAuthenticationException auth = (RedisAuthenticationException) e;
            RedisAuthenticationException typed = create(auth.code(), auth.getMessage());
            return typed.getClass() == RedisAuthenticationException.class ? e : typed;
        }
        return e;
    }
}
