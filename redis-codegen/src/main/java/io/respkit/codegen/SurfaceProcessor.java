package io.respkit.codegen;

import com.sun.source.util.Trees;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates, for every synchronous command family annotated {@code @io.respkit.commands.GenerateSurfaces}
 * ({@code XCommands}), its pipeline/transaction form {@code XPipelineCommands} and its asynchronous form
 * {@code XAsyncCommands}, in the same package. Each default method of the family becomes a default method of the
 * same name and parameters that returns {@code Response<T>} (the synchronous return type, boxed), whose body is the
 * synchronous body with {@code execute(...)} replaced by {@code enqueue(...)}, read with javac's tree API (see
 * {@link BodyTranslator}), and whose Javadoc is the synchronous one adapted (see {@link DocTranslator}).
 *
 * <p>A method with no such form is marked {@code @io.respkit.commands.SyncOnly("reason")} and skipped; a method
 * whose queued form must differ is marked {@code @io.respkit.commands.QueuedAs(command = "...", description =
 * "...")}. Any other method that cannot be translated fails the build with an error naming it: nothing is dropped
 * silently. The annotations are matched by name, so redis-core needs no dependency on this module.
 *
 * <p>Needs javac (it uses {@link Trees}); under another compiler it reports an error. Not thread-safe, as javac
 * uses a processor from one thread.
 */
public final class SurfaceProcessor extends AbstractProcessor {

    private Trees trees;

    /** Creates the processor; javac does, through {@code META-INF/services}. */
    public SurfaceProcessor() {
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(FamilyReader.GENERATE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        try {
            trees = Trees.instance(env);
        } catch (IllegalArgumentException e) {
            trees = null; // not javac: reported once there is something to generate
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (trees == null) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                            "@GenerateSurfaces needs javac's tree API (com.sun.source.util.Trees)", element);
                    continue;
                }
                FamilyReader reader = new FamilyReader(trees, processingEnv.getElementUtils(),
                        processingEnv.getTypeUtils(), processingEnv.getMessager());
                Family family = element instanceof TypeElement type ? reader.read(type) : null;
                if (family != null) {
                    for (Surface surface : Surface.values()) {
                        write(family, surface, element);
                    }
                }
            }
        }
        return true;
    }

    private void write(Family family, Surface surface, Element origin) {
        String name = family.packageName() + "." + surface.nameFor(family.syncName());
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(name, origin);
            try (Writer out = file.openWriter()) {
                out.write(SurfaceWriter.write(family, surface));
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + name + ": " + e
                    + " (is there a hand-written " + name + " left?)", origin);
        }
    }
}
