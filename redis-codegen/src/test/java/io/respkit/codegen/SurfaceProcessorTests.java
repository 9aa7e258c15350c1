package io.respkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SurfaceProcessor} run by javac on sample families: what it generates, and that it fails the build, naming
 * the method, for anything it cannot translate.
 */
class SurfaceProcessorTests {

    private static final String SAMPLE = """
            package io.respkit.commands;

            import io.respkit.exceptions.RedisServerException;

            import java.time.Duration;
            import java.util.Arrays;
            import java.util.Collection;
            import java.util.List;
            import java.util.stream.Stream;

            /**
             * Sample commands.
             *
             * @param <V> the value type
             */
            @GenerateSurfaces(subject = "Sample commands", pipelineNote = "Pipeline note.", asyncNote = "Async note.")
            public interface SampleCommands<V> extends BaseCommands<V> {

                /**
                 * Increments the integer at {@code key} by one ({@code INCR}); see {@link #del(String...)}.
                 *
                 * @param key the key
                 * @return the value after the increment
                 * @throws IllegalArgumentException when the key is empty
                 * @throws io.respkit.exceptions.RedisServerException when the value is not an integer
                 */
                default long incr(String key) {
                    if (key.isEmpty()) {
                        throw new IllegalArgumentException("empty key");
                    }
                    return execute(SampleDefs.incr(codec(), key));
                }

                /**
                 * Deletes keys ({@code DEL}); for a lazy walk see {@link #keys()}.
                 *
                 * @param keys the keys
                 * @return how many existed
                 */
                @SuppressWarnings("unchecked")
                default long del(String... keys) {
                    return del(Arrays.asList(keys));
                }

                /**
                 * Deletes keys ({@code DEL}).
                 *
                 * @param keys the keys
                 * @return how many existed
                 */
                default long del(Collection<String> keys) {
                    return execute(SampleDefs.del(codec(), keys));
                }

                /**
                 * Sets with a time to live: {@code SETEX} for whole seconds, else {@code PSETEX}.
                 *
                 * @param key the key
                 * @param ttl the time to live
                 * @return {@code true}
                 */
                default boolean setex(String key, Duration ttl) {
                    long millis = ttl.toMillis(); // whole seconds go as SETEX, which every server has
                    return millis % 1000 == 0 ? execute(SampleDefs.setex(codec(), key, millis / 1000))
                            : (execute(SampleDefs.psetex(codec(), key, millis)));
                }

                /**
                 * Returns values ({@code MGET}).
                 *
                 * @param keys the keys
                 * @return the values
                 */
                default List<V> mget(String... keys) {
                    return this.execute(SampleDefs.mget(codec(), Arrays.asList(keys)));
                }

                /**
                 * Adds to a float ({@code INCRBYFLOAT}).
                 *
                 * @param key the key
                 * @param by the amount
                 * @return the new value
                 */
                default double incrbyfloat(String key, double by) {
                    return execute(SampleDefs.incrbyfloat(codec(), key, by));
                }

                /**
                 * Streams keys lazily.
                 *
                 * @return the keys
                 */
                @SyncOnly("a lazy stream")
                default Stream<String> keys() {
                    return Stream.of("a").map(k -> execute(SampleDefs.incr(codec(), k)).toString());
                }

                /**
                 * Runs a script by digest ({@code EVALSHA}), falling back to its source.
                 *
                 * @param sha1 the digest
                 * @param source the source
                 * @return the reply
                 * @throws RedisServerException when the script fails
                 */
                @QueuedAs(command = "SampleDefs.eval(codec(), source)",
                        description = "Runs a script by its source ({@code EVAL}). Queued forms cannot fall back.")
                default Object eval(String sha1, String source) {
                    try {
                        return execute(SampleDefs.evalsha(codec(), sha1));
                    } catch (RedisServerException e) {
                        return execute(SampleDefs.eval(codec(), source));
                    }
                }
            }
            """;

    private static final String EXCEPTION = """
            package io.respkit.exceptions;
            public class RedisServerException extends RuntimeException {
            }
            """;

    private static final String OTHER = """
            package io.respkit.commands;

            /**
             * Other commands, built on the sample ones.
             *
             * @param <V> the value type
             */
            @GenerateSurfaces(subject = "Other commands")
            public interface OtherCommands<V> extends SampleCommands<V> {

                /**
                 * Deletes one key ({@code DEL}).
                 *
                 * @param key the key
                 * @return 1 when it existed
                 */
                default long delOne(String key) {
                    return del(key);
                }
            }
            """;

    @TempDir
    static Path sampleDir;

    /** The sample families compiled once: javac takes a second or two per run. */
    private static Compilation sample;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileTheSample() {
        sample = Compilation.of(sampleDir, Map.of("io/respkit/commands/SampleCommands.java", SAMPLE,
                "io/respkit/exceptions/RedisServerException.java", EXCEPTION,
                "io/respkit/commands/OtherCommands.java", OTHER));
    }

    private static Compilation compileSample() {
        return sample;
    }

    @Test
    void generatesBothFormsThatCompile() {
        Compilation c = compileSample();

        assertThat(c.errors()).isEmpty();
        assertThat(c.success()).isTrue();
        assertThat(c.generated()).containsOnlyKeys("io.respkit.commands.SamplePipelineCommands",
                "io.respkit.commands.SampleAsyncCommands", "io.respkit.commands.OtherPipelineCommands",
                "io.respkit.commands.OtherAsyncCommands");
    }

    @Test
    void carriesBodiesOverWithExecuteBecomingEnqueue() {
        String pipeline = compileSample().source("io.respkit.commands.SamplePipelineCommands");

        assertThat(pipeline)
                .contains("public interface SamplePipelineCommands<V> extends BasePipelineCommands<V> {")
                .contains("""
                            default Response<Long> incr(String key) {
                                if (key.isEmpty()) {
                                    throw new IllegalArgumentException("empty key");
                                }
                                return enqueue(SampleDefs.incr(codec(), key));
                            }
                        """)
                .contains("""
                            @SuppressWarnings("unchecked")
                            default Response<Long> del(String... keys) {
                                return del(Arrays.asList(keys));
                            }
                        """)
                .contains("""
                            default Response<Boolean> setex(String key, Duration ttl) {
                                long millis = ttl.toMillis(); // whole seconds go as SETEX, which every server has
                                return millis % 1000 == 0 ? enqueue(SampleDefs.setex(codec(), key, millis / 1000))
                                        : (enqueue(SampleDefs.psetex(codec(), key, millis)));
                            }
                        """)
                .contains("default Response<List<V>> mget(String... keys) {\n"
                        + "        return this.enqueue(SampleDefs.mget(codec(), Arrays.asList(keys)));")
                .contains("default Response<Double> incrbyfloat(String key, double by) {")
                .contains("""
                            default Response<Object> eval(String sha1, String source) {
                                return enqueue(SampleDefs.eval(codec(), source));
                            }
                        """)
                .doesNotContain("keys()\n")
                .doesNotContain("@SyncOnly")
                .doesNotContain("@QueuedAs")
                .doesNotContain("execute(")
                .doesNotContain("import java.util.stream.Stream;");
        assertThat(compileSample().source("io.respkit.commands.OtherAsyncCommands"))
                .contains("public interface OtherAsyncCommands<V> extends SampleAsyncCommands<V> {")
                .contains("default Response<Long> delOne(String key) {\n        return del(key);\n    }");
    }

    @Test
    void adaptsTheJavadoc() {
        Compilation c = compileSample();
        String pipeline = prose(c.source("io.respkit.commands.SamplePipelineCommands"));
        String async = prose(c.source("io.respkit.commands.SampleAsyncCommands"));

        assertThat(pipeline)
                .contains("/** Sample commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}")
                .contains("has run. Pipeline note.")
                .contains("<p>Not thread-safe: a pipeline or transaction belongs to one thread.")
                .contains("@param <V> the value type")
                .contains("/** Queues {@code INCR}: increments the integer at {@code key} by one ({@code INCR}); see"
                        + " {@link #del(String...)}. <p>The handle fails with"
                        + " {@link io.respkit.exceptions.RedisServerException} when the value is not an integer."
                        + " @param key the key"
                        + " @return a handle to the result, available once the pipeline or transaction has run; the"
                        + " result is the value after the increment"
                        + " @throws IllegalArgumentException when the key is empty"
                        + " @see SampleCommands#incr(String) */")
                .contains("/** Queues {@code SETEX} or {@code PSETEX}: sets with a time to live")
                .contains("/** Queues {@code EVAL}: runs a script by its source ({@code EVAL}). Queued forms cannot"
                        + " fall back. <p>The handle fails with {@link RedisServerException} when the script fails.")
                .contains("@see SampleCommands#eval(String, String) */")
                .contains("@see SampleCommands#del(String...) */")
                .contains("@see SampleCommands#incrbyfloat(String, double) */")
                // the stream form has no queued counterpart, so the link goes to the synchronous interface
                .contains("for a lazy walk see {@link SampleCommands#keys()}")
                .doesNotContain("@throws io.respkit.exceptions.RedisServerException");
        assertThat(async)
                .contains("/** Sample commands sent asynchronously")
                .contains("Async note.")
                .contains("<p>Thread-safe when the implementation is")
                .contains("/** Sends {@code INCR} asynchronously: increments the integer at {@code key} by one")
                .contains("<p>The future completes exceptionally with {@link io.respkit.exceptions.RedisServerException}"
                        + " when the value is not an integer.")
                .contains("@return a future completed with the result, or exceptionally with the command's error;"
                        + " the result is the value after the increment");
    }

    @Test
    void keepsTheProjectsLineWidth() {
        Compilation c = compileSample();

        for (String source : c.generated().values()) {
            assertThat(source.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
        }
    }

    /** A source's text with line breaks and the comments' leading stars gone, so wrapping does not matter. */
    private static String prose(String source) {
        return source.replaceAll("\\n\\s*\\*(?!/)", " ").replaceAll("\\s+", " ");
    }

    static Stream<Arguments> untranslatable() {
        return Stream.of(
                Arguments.of("default long bad(String key) {\n"
                        + "        try { return execute(SampleDefs.incr(codec(), key)); }"
                        + " catch (RuntimeException e) { return 0; }\n    }", "bad(String)", "inside try"),
                Arguments.of("default boolean bad(String key) {\n"
                        + "        return execute(SampleDefs.incr(codec(), key)) > 0;\n    }", "bad(String)",
                        "as a value"),
                Arguments.of("default long bad(String key) {\n"
                        + "        long n = execute(SampleDefs.incr(codec(), key));\n        return n;\n    }",
                        "bad(String)", "returns something other than a command's reply"),
                Arguments.of("default java.util.stream.Stream<Long> bad(String key) {\n"
                        + "        return java.util.stream.Stream.of(key).map(k -> execute(SampleDefs.incr(codec(), k)));"
                        + "\n    }", "bad(String)", "inside a lambda"),
                Arguments.of("default java.util.stream.Stream<Long> bad() {\n        return lazy(\"x\");\n    }",
                        "bad()", "has no generated form (it is @SyncOnly)"),
                Arguments.of("long bad(String key);", "bad(String)", "abstract"),
                Arguments.of("default void bad(String key) {\n        execute(SampleDefs.incr(codec(), key));\n    }",
                        "bad(String)", "returns nothing"),
                Arguments.of("default long bad(String key) {\n        return helper(key);\n    }", "bad(String)",
                        "helper(...), which the generated forms cannot resolve"),
                Arguments.of("@SyncOnly(\" \")\n    default long bad(String key) {\n"
                        + "        return execute(SampleDefs.incr(codec(), key));\n    }", "bad(String)",
                        "@SyncOnly needs its reason"));
    }

    @ParameterizedTest
    @MethodSource("untranslatable")
    void failsTheBuildNamingAMethodItCannotTranslate(String method, String signature, String reason) {
        String family = """
                package io.respkit.commands;

                /**
                 * Bad commands.
                 *
                 * @param <V> the value type
                 */
                @GenerateSurfaces(subject = "Bad commands")
                public interface BadCommands<V> extends BaseCommands<V> {

                    /**
                     * A lazy helper.
                     *
                     * @param key the key
                     * @return a stream
                     */
                    @SyncOnly("a lazy stream")
                    default java.util.stream.Stream<Long> lazy(String key) {
                        return java.util.stream.Stream.of(key).map(k -> execute(SampleDefs.incr(codec(), k)));
                    }

                    /**
                     * Bad.
                     *
                     * @return something
                     */
                    METHOD
                }
                """.replace("METHOD", method);

        Compilation c = Compilation.of(dir, Map.of("io/respkit/commands/BadCommands.java", family));

        assertThat(c.success()).isFalse();
        assertThat(c.errors()).contains("BadCommands." + signature).contains(reason);
    }

    @Test
    void refusesASuperInterfaceWithoutCounterparts() {
        String family = """
                package io.respkit.commands;

                /** Lonely. */
                public interface LonelyCommands {
                }
                """;
        String bad = """
                package io.respkit.commands;

                /** Bad. */
                @GenerateSurfaces(subject = "Bad commands")
                public interface BadCommands<V> extends BaseCommands<V>, LonelyCommands {
                }
                """;

        Compilation c = Compilation.of(dir, Map.of("io/respkit/commands/LonelyCommands.java", family,
                "io/respkit/commands/BadCommands.java", bad));

        assertThat(c.success()).isFalse();
        assertThat(c.errors()).contains("BadCommands extends LonelyCommands, which is neither @GenerateSurfaces");
    }
}
