package io.respkit.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sample sources with javac and {@link SurfaceProcessor}, as redis-core's build does, into a temporary
 * directory, and keeps what was generated and reported. The samples stand in for redis-core's types (a
 * {@code Response}, a {@code Command}, the base interfaces and the annotations, all matched by name).
 *
 * <p>Not thread-safe; one per test.
 */
final class Compilation {

    /** The redis-core types the processor and the generated code refer to, reduced to what they need. */
    static final Map<String, String> RUNTIME = Map.of(
            "io/respkit/Response.java", """
                    package io.respkit;
                    public final class Response<T> extends java.util.concurrent.CompletableFuture<T> {
                    }
                    """,
            "io/respkit/commands/Command.java", """
                    package io.respkit.commands;
                    public final class Command<T> {
                        public Command(String name) {
                        }
                    }
                    """,
            "io/respkit/commands/BaseCommands.java", """
                    package io.respkit.commands;
                    public interface BaseCommands<V> {
                        <T> T execute(Command<T> command);
                        String codec();
                    }
                    """,
            "io/respkit/commands/BasePipelineCommands.java", """
                    package io.respkit.commands;
                    import io.respkit.Response;
                    public interface BasePipelineCommands<V> {
                        <T> Response<T> enqueue(Command<T> command);
                        String codec();
                    }
                    """,
            "io/respkit/commands/BaseAsyncCommands.java", """
                    package io.respkit.commands;
                    import io.respkit.Response;
                    public interface BaseAsyncCommands<V> {
                        <T> Response<T> enqueue(Command<T> command);
                        String codec();
                    }
                    """,
            "io/respkit/commands/GenerateSurfaces.java", """
                    package io.respkit.commands;
                    @interface GenerateSurfaces {
                        String subject();
                        String pipelineNote() default "";
                        String asyncNote() default "";
                    }
                    """,
            "io/respkit/commands/SyncOnly.java", """
                    package io.respkit.commands;
                    @interface SyncOnly {
                        String value();
                    }
                    """,
            "io/respkit/commands/QueuedAs.java", """
                    package io.respkit.commands;
                    @interface QueuedAs {
                        String command();
                        String description();
                    }
                    """,
            "io/respkit/commands/SampleDefs.java", """
                    package io.respkit.commands;
                    import java.util.List;
                    public final class SampleDefs {
                        public static Command<Long> incr(String codec, String key) { return new Command<>("INCR"); }
                        public static Command<Long> del(String codec, Iterable<String> keys) {
                            return new Command<>("DEL");
                        }
                        public static Command<Boolean> setex(String codec, String key, long seconds) {
                            return new Command<>("SETEX");
                        }
                        public static Command<Boolean> psetex(String codec, String key, long millis) {
                            return new Command<>("PSETEX");
                        }
                        public static <V> Command<List<V>> mget(String codec, Iterable<String> keys) {
                            return new Command<>("MGET");
                        }
                        public static Command<Object> evalsha(String codec, String sha1) {
                            return new Command<>("EVALSHA");
                        }
                        public static Command<Object> eval(String codec, String source) {
                            return new Command<>("EVAL");
                        }
                        public static Command<Double> incrbyfloat(String codec, String key, double by) {
                            return new Command<>("INCRBYFLOAT");
                        }
                    }
                    """);

    private final Path root;
    private final Map<String, String> generated = new LinkedHashMap<>();
    private final List<Diagnostic<? extends JavaFileObject>> diagnostics = new ArrayList<>();
    private boolean success;

    private Compilation(Path root) {
        this.root = root;
    }

    /**
     * Compiles {@link #RUNTIME} and the given sources with the processor.
     *
     * @param dir an empty temporary directory
     * @param sources more sources, by path relative to the source root
     * @return the outcome
     * @throws UncheckedIOException when the directory cannot be written
     */
    static Compilation of(Path dir, Map<String, String> sources) {
        Compilation c = new Compilation(dir);
        try {
            c.run(sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    private void run(Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(root.resolve("src"));
        Path gen = Files.createDirectories(root.resolve("generated"));
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<Path> files = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(RUNTIME);
        all.putAll(sources);
        for (Map.Entry<String, String> e : all.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(collector, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, collector,
                    List.of("--release", "17", "-implicit:class", "-d",
                            classes.toString(), "-s", gen.toString()),
                    null, fm.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new SurfaceProcessor()));
            success = task.call();
        }
        diagnostics.addAll(collector.getDiagnostics());
        try (var walk = Files.walk(gen)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = gen.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", "");
                generated.put(name, Files.readString(p));
            }
        }
    }

    boolean success() {
        return success;
    }

    /**
     * Returns a generated source.
     *
     * @param qualifiedName e.g. {@code io.respkit.commands.SamplePipelineCommands}
     * @return its text
     * @throws AssertionError when it was not generated
     */
    String source(String qualifiedName) {
        String s = generated.get(qualifiedName);
        if (s == null) {
            throw new AssertionError(qualifiedName + " was not generated; generated: " + generated.keySet()
                    + "; diagnostics: " + errors());
        }
        return s;
    }

    Map<String, String> generated() {
        return generated;
    }

    /** The error messages, one per line. */
    String errors() {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
    }
}
