package io.respkit.commands;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the pipeline and asynchronous forms of a {@link GenerateSurfaces} family method a different command than
 * its synchronous body, for a method whose synchronous body cannot be queued as it is (for example one that reacts
 * to an error reply by sending another command).
 *
 * <p>Source-only; an annotation is immutable, so thread-safe.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
@interface QueuedAs {

    /**
     * The expression that builds the command to queue, in the scope of the method (its parameters, {@code codec()},
     * the file's imports); the generated body is {@code return enqueue(<command>);}.
     *
     * @return Java source of an expression of type {@code Command<T>}
     */
    String command();

    /**
     * The Javadoc description of the queued forms, replacing the synchronous one; its first sentence should name the
     * command in {@code {@code ...}}, and it should say how the queued form differs.
     *
     * @return Javadoc text
     */
    String description();
}
