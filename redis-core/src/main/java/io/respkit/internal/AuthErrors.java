package io.respkit.internal;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisNoAuthException;
import io.respkit.exceptions.RedisNoPermissionException;
import io.respkit.exceptions.RedisWrongPasswordException;

/**
 * Creates the typed {@link RedisAuthenticationException} subclass for an authentication or authorisation error
 * code, so that callers can tell a missing password ({@link RedisNoAuthException}), refused credentials
 * ({@link RedisWrongPasswordException}) and a missing ACL permission ({@link RedisNoPermissionException}) apart
 * without comparing codes. None of them is worth retrying. {@link Errors#fromReply} uses it for error replies; the
 * connect handshake uses it directly for the credential failures it words itself.
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
     * @param code the error code
     * @param serverMessage the server's message, cleaned of echoed arguments; it must not contain the password
     * @param message the exception message; it must not contain the password
     * @return the typed subclass for {@code NOAUTH}, {@code WRONGPASS} and {@code NOPERM}, else a plain
     *         {@link RedisAuthenticationException} carrying {@code code}
     */
    public static RedisAuthenticationException create(String code, String serverMessage, String message) {
        return switch (code) {
            case "NOAUTH" -> new RedisNoAuthException(code, serverMessage, message);
            case "WRONGPASS" -> new RedisWrongPasswordException(code, serverMessage, message);
            case "NOPERM" -> new RedisNoPermissionException(code, serverMessage, message);
            default -> new RedisAuthenticationException(code, serverMessage, message);
        };
    }
}
