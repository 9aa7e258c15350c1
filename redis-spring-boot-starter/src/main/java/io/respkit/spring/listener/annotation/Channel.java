package io.respkit.spring.listener.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@code String} parameter of a {@link RedisListener} method to where the message came from: the channel
 * it was published on (also for pattern listeners), or the queue's key for queue listeners.
 *
 * <p>An annotation is immutable and thread-safe.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Channel {
}
