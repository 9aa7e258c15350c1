package io.respkit.commands;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a synchronous command family {@code XCommands} whose pipeline/transaction form {@code XPipelineCommands} and
 * asynchronous form {@code XAsyncCommands} are generated at compile time by {@code io.respkit.codegen.SurfaceProcessor}
 * (module redis-codegen), into {@code target/generated-sources/annotations}. Every default method is carried over
 * with its body ({@code execute} becomes {@code enqueue}) and its Javadoc adapted; a method that cannot be carried
 * over fails the build unless it is marked {@link SyncOnly} or {@link QueuedAs}.
 *
 * <p>Source-only; an annotation is immutable, so thread-safe.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@interface GenerateSurfaces {

    /**
     * What the family's commands are, as a noun phrase that opens the generated interfaces' Javadoc.
     *
     * @return e.g. {@code "String commands"}
     */
    String subject();

    /**
     * Sentences added to the first paragraph of the pipeline form's Javadoc.
     *
     * @return Javadoc text, possibly empty
     */
    String pipelineNote() default "";

    /**
     * Sentences added to the first paragraph of the asynchronous form's Javadoc.
     *
     * @return Javadoc text, possibly empty
     */
    String asyncNote() default "";
}
