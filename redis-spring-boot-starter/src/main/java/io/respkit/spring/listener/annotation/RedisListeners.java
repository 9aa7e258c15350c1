package io.respkit.spring.listener.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Container of several {@link RedisListener} annotations on one method; usually implicit through repetition.
 *
 * <p>An annotation is immutable and thread-safe.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RedisListeners {

    /**
     * The listeners.
     *
     * @return the annotations
     */
    RedisListener[] value();
}
