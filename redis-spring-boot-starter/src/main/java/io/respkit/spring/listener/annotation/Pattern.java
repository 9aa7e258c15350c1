package io.respkit.spring.listener.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code String} parameter of a {@link RedisListener} method to the pattern that matched the message's
 * channel; {@code null} for channel and queue listeners.
 *
 * <p>An annotation is immutable and thread-safe.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Pattern {
}
