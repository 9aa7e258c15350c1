package io.respkit.commands;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GenerateSurfaces} family that has no pipeline or asynchronous form, such as the lazy
 * {@code SCAN} streams, which follow the cursor with one round trip per page. Without it, a method the generator
 * cannot translate fails the build.
 *
 * <p>Source-only; an annotation is immutable, so thread-safe.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
@interface SyncOnly {

    /**
     * Why the method has no queued form.
     *
     * @return the reason, not blank
     */
    String value();
}
