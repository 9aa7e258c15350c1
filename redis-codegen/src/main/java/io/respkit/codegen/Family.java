package io.respkit.codegen;

import java.util.List;
import java.util.Set;

/**
 * What the processor read from one synchronous command family, enough to write both generated forms.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param packageName the package of the family (and of what is generated)
 * @param syncName the simple name of the synchronous interface, e.g. {@code StringCommands}
 * @param typeParameters the interface's type parameters as written, e.g. {@code <V>}
 * @param supers the synchronous super-interfaces, each mapped to its counterpart when written
 * @param imports the import statements of the synchronous file, e.g. {@code import java.util.List;
import java.util.Set;}
 * @param typeParameterDocs the {@code @param <V>} tags of the interface's Javadoc
 * @param subject what the family's commands are, as a noun phrase, e.g. {@code String commands}
 * @param pipelineNote an extra sentence for the pipeline form's Javadoc, possibly empty
 * @param asyncNote an extra sentence for the async form's Javadoc, possibly empty
 * @param methods the translated methods, in declaration order
 * @param linkable what a {@code {@link #...}} may name in the generated forms, inherited methods included: each
 *        method name, and each name with its {@linkplain Method#linkKey() erased parameter types} in parentheses
 */
record Family(String packageName, String syncName, String typeParameters, List<SuperType> supers,
        List<String> imports, List<DocComment.Tag> typeParameterDocs, String subject, String pipelineNote,
        String asyncNote, List<Method> methods, Set<String> linkable) {

    Family {
        supers = List.copyOf(supers);
        imports = List.copyOf(imports);
        typeParameterDocs = List.copyOf(typeParameterDocs);
        methods = List.copyOf(methods);
        linkable = Set.copyOf(linkable);
    }

    /**
     * A super-interface of a family.
     *
     * @param syncName its simple name, e.g. {@code BaseCommands}
     * @param typeArguments its type arguments as written, e.g. {@code <V>}, or empty
     */
    record SuperType(String syncName, String typeArguments) {
    }

    /**
     * One translated method.
     *
     * @param name the method name
     * @param typeParameters its type parameters with a trailing space, e.g. {@code <T> }, or empty
     * @param returnType the boxed return type as written, e.g. {@code Long} or {@code List<V>}
     * @param parameters each parameter declaration as written, e.g. {@code String... keys}
     * @param thrown the types of its {@code throws} clause as written
     * @param body its translated body, braces included
     * @param doc its synchronous Javadoc
     * @param description the description that replaces the synchronous one, or {@code null}
     * @param see a Javadoc reference to the synchronous method
     * @param linkKey the erased simple parameter types, comma-separated, to resolve {@code {@link #name(...)}}
     * @param annotations the synchronous method's annotations as written (such as {@code @SuppressWarnings} or
     *        {@code @Deprecated}), without the generator's own
     */
    record Method(String name, String typeParameters, String returnType, List<String> parameters,
            List<String> thrown, String body, DocComment doc, String description, String see, String linkKey,
            List<String> annotations) {

        Method {
            parameters = List.copyOf(parameters);
            thrown = List.copyOf(thrown);
            annotations = List.copyOf(annotations);
        }
    }
}
