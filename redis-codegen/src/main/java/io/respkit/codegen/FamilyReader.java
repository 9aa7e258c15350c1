package io.respkit.codegen;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Reads a {@code @GenerateSurfaces} interface into a {@link Family}, reporting through the {@link Messager}, on the
 * offending element, every method it cannot translate and every super-interface it cannot map.
 *
 * <p>Which methods are translated: every default method declared in the interface, except those marked
 * {@code @SyncOnly}. A method marked {@code @QueuedAs} gets the given command instead of its translated body. An
 * abstract method is an error; static and private methods are helpers and are not part of either form.
 *
 * <p>Not thread-safe; one instance per processing round.
 */
final class FamilyReader {

    static final String GENERATE = "io.respkit.commands.GenerateSurfaces";
    static final String SYNC_ONLY = "io.respkit.commands.SyncOnly";
    static final String QUEUED_AS = "io.respkit.commands.QueuedAs";
    /** The generator's own annotations as written, simple or qualified; they are not copied. */
    private static final Pattern GENERATOR_ANNOTATION = Pattern.compile(
            "@(io\\.respkit\\.commands\\.)?(SyncOnly|QueuedAs|GenerateSurfaces)\\b");

    private final Trees trees;
    private final Elements elements;
    private final Types types;
    private final Messager messager;
    private final BodyTranslator bodies;

    FamilyReader(Trees trees, Elements elements, Types types, Messager messager) {
        this.trees = trees;
        this.elements = elements;
        this.types = types;
        this.messager = messager;
        this.bodies = new BodyTranslator(trees);
    }

    /**
     * Reads one family.
     *
     * @param type the annotated interface
     * @return the family, without the methods that could not be translated (each was reported as an error); null
     *         when the type itself cannot have generated forms (reported too)
     */
    Family read(TypeElement type) {
        String name = type.getSimpleName().toString();
        if (type.getKind() != ElementKind.INTERFACE || type.getNestingKind() != NestingKind.TOP_LEVEL
                || !name.endsWith("Commands")) {
            messager.printMessage(Diagnostic.Kind.ERROR,
                    "@GenerateSurfaces goes on a top-level interface whose name ends in Commands", type);
            return null;
        }
        TreePath path = trees.getPath(type);
        if (path == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, "@GenerateSurfaces needs the source of " + name, type);
            return null;
        }
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        List<String> imports = new ArrayList<>();
        Set<String> staticImports = new HashSet<>();
        Set<String> singleImports = new HashSet<>();
        for (ImportTree i : path.getCompilationUnit().getImports()) {
            String qualified = i.getQualifiedIdentifier().toString();
            imports.add("import " + (i.isStatic() ? "static " : "") + qualified + ";");
            (i.isStatic() ? staticImports : singleImports).add(i.isStatic()
                    ? qualified.substring(qualified.lastIndexOf('.') + 1) : qualified);
        }

        List<Family.SuperType> supers = new ArrayList<>();
        for (TypeMirror superType : type.getInterfaces()) {
            Family.SuperType mapped = superType(type, packageName, (DeclaredType) superType);
            if (mapped != null) {
                supers.add(mapped);
            }
        }

        Map<String, List<BodyTranslator.Overload>> family = new LinkedHashMap<>();
        Set<String> linkable = new HashSet<>();
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (annotation(m.getEnclosingElement(), GENERATE) != null && !m.getModifiers().contains(Modifier.STATIC)
                    && !m.getModifiers().contains(Modifier.PRIVATE)) {
                family.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>())
                        .add(new BodyTranslator.Overload(m.getParameters().size(), m.isVarArgs(),
                                annotation(m, SYNC_ONLY) != null));
                if (annotation(m, SYNC_ONLY) == null) {
                    linkable.add(m.getSimpleName().toString());
                    linkable.add(m.getSimpleName() + "(" + linkKey(m) + ")");
                }
            }
        }

        ClassTree classTree = (ClassTree) path.getLeaf();
        String typeParameters = classTree.getTypeParameters().isEmpty() ? ""
                : classTree.getTypeParameters().stream().map(Tree::toString)
                        .collect(Collectors.joining(", ", "<", ">"));
        List<Family.Method> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            Family.Method m = method(type, method, family, staticImports, singleImports);
            if (m != null) {
                methods.add(m);
            }
        }
        AnnotationMirror generate = annotation(type, GENERATE);
        return new Family(packageName, name, typeParameters, supers, imports,
                DocComment.parse(elements.getDocComment(type)).tags("param").stream()
                        .filter(t -> t.text().startsWith("<")).toList(),
                value(generate, "subject"), value(generate, "pipelineNote"), value(generate, "asyncNote"), methods,
                linkable);
    }

    private Family.SuperType superType(TypeElement type, String packageName, DeclaredType superType) {
        TypeElement element = (TypeElement) superType.asElement();
        String name = element.getSimpleName().toString();
        String superPackage = elements.getPackageOf(element).getQualifiedName().toString();
        boolean mapped = annotation(element, GENERATE) != null || name.endsWith("Commands")
                && elements.getTypeElement(superPackage + "." + Surface.PIPELINE.nameFor(name)) != null
                && elements.getTypeElement(superPackage + "." + Surface.ASYNC.nameFor(name)) != null;
        if (!mapped || !superPackage.equals(packageName)) {
            messager.printMessage(Diagnostic.Kind.ERROR, type.getSimpleName() + " extends " + name
                    + ", which is neither @GenerateSurfaces nor has hand-written pipeline and async forms in package "
                    + packageName, type);
            return null;
        }
        String arguments = superType.getTypeArguments().isEmpty() ? "" : superType.getTypeArguments().stream()
                .map(TypeMirror::toString).collect(Collectors.joining(", ", "<", ">"));
        return new Family.SuperType(name, arguments);
    }

    private Family.Method method(TypeElement type, ExecutableElement method,
            Map<String, List<BodyTranslator.Overload>> family, Set<String> staticImports, Set<String> singleImports) {
        Set<Modifier> modifiers = method.getModifiers();
        if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
            return null;
        }
        AnnotationMirror syncOnly = annotation(method, SYNC_ONLY);
        AnnotationMirror queuedAs = annotation(method, QUEUED_AS);
        String where = type.getSimpleName() + "." + method.getSimpleName() + "(" + linkKey(method) + ")";
        if (syncOnly != null) {
            if (queuedAs != null || value(syncOnly, "value").isBlank()) {
                messager.printMessage(Diagnostic.Kind.ERROR, where
                        + ": @SyncOnly needs its reason and cannot be combined with @QueuedAs", method);
            }
            return null;
        }
        List<String> problems = new ArrayList<>();
        String body;
        if (!modifiers.contains(Modifier.DEFAULT)) {
            problems.add("it is abstract; only a default method's body can be translated");
            body = "";
        } else if (method.getReturnType().getKind() == TypeKind.VOID) {
            problems.add("it returns nothing, so the generated forms would have no result to hand back");
            body = "";
        } else if (queuedAs != null) {
            body = "{\n        return enqueue(" + value(queuedAs, "command").strip() + ");\n    }";
        } else {
            body = bodies.translate(method, family, staticImports, problems);
        }
        if (!problems.isEmpty()) {
            messager.printMessage(Diagnostic.Kind.ERROR, where + " cannot be generated for pipelines and async: "
                    + String.join("; ", problems) + ". Mark it @SyncOnly(\"why\") or @QueuedAs(...).", method);
            return null;
        }
        MethodTree tree = trees.getTree(method);
        String typeParameters = tree.getTypeParameters().isEmpty() ? "" : tree.getTypeParameters().stream()
                .map(Tree::toString).collect(Collectors.joining(", ", "<", "> "));
        String returnType = tree.getReturnType() instanceof PrimitiveTypeTree
                ? types.boxedClass(types.getPrimitiveType(method.getReturnType().getKind())).getSimpleName()
                        .toString()
                : oneLine(tree.getReturnType().toString());
        List<String> parameters = tree.getParameters().stream().map(p -> oneLine(p.toString())).toList();
        List<String> thrown = tree.getThrows().stream().map(t -> oneLine(t.toString())).toList();
        String see = type.getSimpleName() + "#" + method.getSimpleName() + "(" + method.getParameters().stream()
                .map(p -> seeType(p, method, singleImports)).collect(Collectors.joining(", ")) + ")";
        List<String> annotations = tree.getModifiers().getAnnotations().stream().map(FamilyReader::annotationText)
                .filter(a -> !GENERATOR_ANNOTATION.matcher(a).lookingAt()).toList();
        return new Family.Method(method.getSimpleName().toString(), typeParameters, returnType, parameters, thrown,
                body, DocComment.parse(elements.getDocComment(method)),
                queuedAs == null ? null : value(queuedAs, "description"), see, linkKey(method), annotations);
    }

    /** The erased simple parameter types, e.g. {@code String, Object[]}, as links to the method are compared. */
    String linkKey(ExecutableElement method) {
        return method.getParameters().stream().map(p -> simpleErasure(p.asType())).collect(Collectors.joining(", "));
    }

    private String simpleErasure(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        if (erased instanceof ArrayType array) {
            return simpleErasure(array.getComponentType()) + "[]";
        }
        if (erased instanceof DeclaredType declared) {
            return declared.asElement().getSimpleName().toString();
        }
        return erased.toString();
    }

    /** A parameter type for {@code @see}: its simple name where the generated file can resolve it, else qualified. */
    private String seeType(VariableElement parameter, ExecutableElement method, Set<String> singleImports) {
        TypeMirror erased = types.erasure(parameter.asType());
        boolean varargs = method.isVarArgs() && parameter.equals(method.getParameters().get(
                method.getParameters().size() - 1));
        int dimensions = 0;
        while (erased instanceof ArrayType array) {
            erased = array.getComponentType();
            dimensions++;
        }
        String name = erased.toString();
        if (erased instanceof DeclaredType declared) {
            TypeElement element = (TypeElement) declared.asElement();
            String qualified = element.getQualifiedName().toString();
            String pkg = elements.getPackageOf(element).getQualifiedName().toString();
            boolean simple = element.getNestingKind() == NestingKind.TOP_LEVEL && (pkg.equals("java.lang")
                    || pkg.equals(elements.getPackageOf(method).getQualifiedName().toString())
                    || singleImports.contains(qualified));
            name = simple ? element.getSimpleName().toString() : qualified;
        }
        StringBuilder out = new StringBuilder(name);
        for (int i = 0; i < dimensions; i++) {
            out.append(varargs && i == dimensions - 1 ? "..." : "[]");
        }
        return out.toString();
    }

    /** An annotation as written; javac's printer would spell {@code @A("x")} as {@code @A(value = "x")}. */
    private static String annotationText(AnnotationTree annotation) {
        List<? extends ExpressionTree> arguments = annotation.getArguments();
        String type = "@" + annotation.getAnnotationType();
        if (arguments.isEmpty()) {
            return type;
        }
        if (arguments.size() == 1 && arguments.get(0) instanceof AssignmentTree a
                && a.getVariable().toString().equals("value")) {
            return type + "(" + oneLine(a.getExpression().toString()) + ")";
        }
        return type + arguments.stream().map(e -> oneLine(e.toString())).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /**
     * Returns an element's annotation of a given type.
     *
     * @param element the element
     * @param qualifiedName the annotation type's qualified name
     * @return the annotation, or null when the element has none
     */
    static AnnotationMirror annotation(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(qualifiedName)) {
                return mirror;
            }
        }
        return null;
    }

    private String value(AnnotationMirror mirror, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return String.valueOf(e.getValue().getValue());
            }
        }
        return "";
    }
}
